package io.intake.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsCheckTest {

    private static IntakeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("intake", IntakeProperties.class);
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(SettingsCheck.problems(bind(Map.of()))).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheProperty() {
        List<String> problems = SettingsCheck.problems(bind(Map.of(
                "intake.tracker.type", "webhook",
                "intake.tracker.webhook.url", "ftp://tracker.example",
                "intake.delivery.max-attempts", "0",
                "intake.limits.max-body-chars", "-1",
                "intake.database.url", "postgres://db",
                "intake.severity.rules-file", "/nonexistent/rules.yaml",
                "intake.sla.warnings", "0.5,1.5",
                "intake.sla.calendars.office.hours", "mon-fri 25:00-26:00",
                "intake.email.from", "not an address",
                "intake.telephony.agi.port", "70000")));

        assertThat(problems).anyMatch(p -> p.startsWith("intake.tracker.webhook.url:"))
                .anyMatch(p -> p.startsWith("intake.tracker.webhook.secret:"))
                .anyMatch(p -> p.startsWith("intake.delivery.max-attempts:"))
                .anyMatch(p -> p.startsWith("intake.limits.max-body-chars:"))
                .anyMatch(p -> p.startsWith("intake.database.url:"))
                .anyMatch(p -> p.startsWith("intake.severity.rules-file:"))
                .anyMatch(p -> p.startsWith("intake.sla.warnings:") && p.contains("1.5"))
                .anyMatch(p -> p.contains("office") && p.contains("25:00"))
                .anyMatch(p -> p.startsWith("intake.email.from:"))
                .anyMatch(p -> p.startsWith("intake.telephony.agi.port:"));
    }

    @Test
    void chatSettingsAreCheckedWithTheRest() {
        List<String> problems = SettingsCheck.problems(bind(Map.of(
                "intake.chat.calendar", "weekends",
                "intake.chat.max-message-chars", "0",
                "intake.chat.limits.message-burst", "0",
                "intake.delivery.max-attempts", "0")));

        assertThat(problems).anyMatch(p -> p.startsWith("intake.chat.calendar:") && p.contains("weekends"))
                .anyMatch(p -> p.startsWith("intake.chat.max-message-chars:"))
                .anyMatch(p -> p.startsWith("intake.chat.limits.message-burst:"))
                .anyMatch(p -> p.startsWith("intake.delivery.max-attempts:"));
        assertThat(SettingsCheck.problems(bind(Map.of("intake.chat.calendar", "office")))).isEmpty();
    }

    @Test
    void slaTermsCanBeChangedPerSeverity() {
        IntakeProperties p = bind(Map.of("intake.sla.terms.degraded.response-target", "2h",
                "intake.sla.terms.low.clock", "wall-clock", "intake.sla.terms.low.response-target", "24h"));
        assertThat(SettingsCheck.problems(p)).isEmpty();
        var policy = Beans.sla(p);
        java.time.Instant at = java.time.Instant.parse("2026-06-13T22:00:00Z");
        assertThat(policy.stamp(io.intake.core.ticket.Severity.DEGRADED, io.intake.core.ticket.Channel.EMAIL, at)
                .responseDue()).isEqualTo(at.plus(java.time.Duration.ofHours(2)));
        assertThat(policy.stamp(io.intake.core.ticket.Severity.LOW, io.intake.core.ticket.Channel.EMAIL, at)
                .responseDue()).isEqualTo(at.plus(java.time.Duration.ofHours(24)));
    }

    @Test
    void badSlaTermsNameTheProperty() {
        assertThat(SettingsCheck.problems(bind(Map.of("intake.sla.terms.low.clock", "sundial"))))
                .anyMatch(p -> p.startsWith("intake.sla.terms.low.clock:") && p.contains("sundial"));
        assertThat(SettingsCheck.problems(bind(Map.of("intake.sla.terms.urgent.response-target", "1h"))))
                .anyMatch(p -> p.contains("urgent"));
    }

    @Test
    void anUnknownTrackerTypeListsTheChoices() {
        assertThat(SettingsCheck.problems(bind(Map.of("intake.tracker.type", "fax"))))
                .containsExactly("intake.tracker.type: 'fax' is not a tracker; one of jdbc, webhook, camel, none");
    }

    @Test
    void secretsNeverAppearInTheSettingsText() {
        IntakeProperties p = bind(Map.of("intake.tracker.webhook.secret", "s3cr3t-s3cr3t-s3cr3t",
                "intake.database.password", "db-pass-123", "intake.tracker.jdbc.password", "trk-pass-456"));
        assertThat(p.toString()).doesNotContain("s3cr3t").doesNotContain("db-pass-123").doesNotContain("trk-pass-456");
    }

    @Test
    void theWordModelSettingIsShippedOffOrAReadableModelFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertThat(SettingsCheck.problems(bind(Map.of("intake.severity.model", "off")))).isEmpty();
        assertThat(SettingsCheck.problems(bind(Map.of("intake.severity.model", "shipped")))).isEmpty();
        assertThat(SettingsCheck.problems(bind(Map.of("intake.severity.model", "/nonexistent/model.gz"))))
                .containsExactly("intake.severity.model: '/nonexistent/model.gz' is not 'shipped', 'off' or a readable model file");
        java.nio.file.Path notAModel = java.nio.file.Files.writeString(dir.resolve("model.gz"), "rules: []");
        assertThat(SettingsCheck.problems(bind(Map.of("intake.severity.model", notAModel.toString()))))
                .singleElement().asString().startsWith("word model file " + notAModel).contains("not gzip-compressed");
        assertThat(Beans.rules(bind(Map.of("intake.severity.model", "off"))))
                .isSameAs(io.intake.core.severity.RuleBasedSeverityRules.defaults());
        assertThat(Beans.rules(bind(Map.of()))).isInstanceOf(io.intake.core.severity.SecondOpinionSeverityRules.class);
    }
}
