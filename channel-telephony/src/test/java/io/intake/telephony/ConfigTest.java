package io.intake.telephony;

import io.intake.core.IntakeException;
import io.intake.core.directory.StaticCustomerDirectory;
import io.intake.telephony.internal.Inventory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration, inventory and directory files: defaults, and every problem reported at once. */
class ConfigTest {

    @Test
    void defaultsServeTheIvrOnLoopbackPort4573WithoutAmi() {
        TelephonyConfig c = TelephonyConfig.DEFAULTS;
        assertThat(c.agi().bind()).isEqualTo("127.0.0.1");
        assertThat(c.agi().port()).isEqualTo(4573);
        assertThat(c.ami().enabled()).isFalse();
        assertThat(c.monitor().debounce()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.callOut().enabled()).isFalse();
    }

    @Test
    void everyBadAgiSettingIsReportedAtOnceNamingTheProperty() {
        assertThatThrownBy(() -> new TelephonyConfig.Agi("", 70000, Prompts.DEFAULTS, "relative/dir", "w a v",
                Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(8), 0, "PJSIP/on call", 0))
                .isInstanceOfSatisfying(TelephonyConfigException.class, e -> assertThat(e.problems()).hasSize(8)
                        .anySatisfy(p -> assertThat(p).startsWith("intake.telephony.agi.port: 70000"))
                        .anySatisfy(p -> assertThat(p).startsWith("intake.telephony.agi.recording-directory")));
    }

    @Test
    void theAmiPasswordIsNeverShown() {
        TelephonyConfig.Ami ami = TelephonyConfig.Ami.of("pbx", 5038, "intake", "s3cret");
        assertThat(ami.toString()).doesNotContain("s3cret").contains("******");
        assertThatThrownBy(() -> TelephonyConfig.Ami.of("pbx", 5038, "intake", null))
                .hasMessageContaining("intake.telephony.ami.password");
    }

    @Test
    void theMonitorNeedsAmi() {
        assertThatThrownBy(() -> TelephonyConfig.DEFAULTS.withMonitor(TelephonyConfig.Monitor.of(java.nio.file.Path.of("x.yaml"),
                Duration.ofSeconds(120)))).hasMessageContaining("intake.telephony.ami.host: required");
    }

    @Test
    void promptsRejectPathTricks() {
        assertThatThrownBy(() -> new Prompts("../../etc/passwd", "m", "m", "c", "i", "a", "s", "r", "t", "n:15&minutes",
                "n:4&hours", "n:1&day", "x", "f", "g", "c")).hasMessageContaining("intake.telephony.agi.prompts.welcome");
    }

    @Test
    void anInventoryWithProblemsListsThemAll() {
        assertThatThrownBy(() -> Inventory.read(stream("""
                sites:
                  - id: "bad id"
                    endpoints: [a]
                  - id: b
                    endpoints: []
                  - id: c
                    endpoints: [c1]
                    monitoring: { zone: Nowhere/City, hours: "daily 07:00-22:00" }
                  - id: d
                    endpoints: [c1]
                """), "test")).isInstanceOfSatisfying(TelephonyConfigException.class,
                e -> assertThat(e.problems()).hasSize(5)
                        .anySatisfy(p -> assertThat(p).startsWith("inventory test: sites[2].monitoring.zone: 'Nowhere/City'")));
    }

    @Test
    void aMonitoringWindowFollowsLocalTime() {
        Inventory inventory = Inventory.read(stream("""
                sites:
                  - id: store
                    monitoring: { zone: America/New_York, hours: "daily 07:00-22:00" }
                    endpoints: [p1]
                """), "test");
        Inventory.Site store = inventory.sites().get(0);
        assertThat(store.monitoredAt(Instant.parse("2026-11-25T15:00:00Z"))).isTrue();
        assertThat(store.monitoredAt(Instant.parse("2026-11-26T04:00:00Z"))).isFalse();
    }

    @Test
    void theDirectoryMatchesPhoneNumbersByDigitsAndReportsDuplicates() {
        StaticCustomerDirectory directory = StaticCustomerDirectory.read(stream("""
                customers:
                  - account: "42"
                    name: Acme
                    contacts: [{ name: Jane, phone: "+1 (555) 555-0100", email: Jane@Acme.example }]
                    sites: [{ id: "1", name: Main }]
                """), "test");
        assertThat(directory.byCallerId("5555550100")).get().satisfies(m -> assertThat(m.contactName()).isEqualTo("Jane"));
        assertThat(directory.byEmail("jane@acme.example")).isPresent();
        assertThat(directory.byAccount("42").orElseThrow().onlySite()).isPresent();
        assertThat(directory.byCallerId("5550199")).isEmpty();
        assertThatThrownBy(() -> StaticCustomerDirectory.read(stream("""
                customers:
                  - { account: "42", name: A, contacts: [{ phone: "555-1" }] }
                  - { account: "42", name: B }
                  - { account: "x", name: C }
                """), "test")).isInstanceOf(IntakeException.class).hasMessageContaining("2 problem(s)");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
