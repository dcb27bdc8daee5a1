package io.intake.core.severity;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SecondOpinionSeverityRulesTest {

    private static final String OUTAGE = "Nobody can call us. Every phone in the office has no dial tone since 9am.";
    private static final String HOW_TO = "How do I change the voicemail greeting on my phone?";

    /** Rules that always answer the same, to see what the second opinion does with each answer. */
    private static SecondOpinionSeverityRules rulesSaying(Severity severity) {
        SeverityRules fixed = request -> new Classification(severity, "test.fixed", "the test's rules said so");
        return new SecondOpinionSeverityRules(fixed, WordModel.shipped());
    }

    private static IntakeRequest request(Channel channel, String body) {
        return IntakeRequest.builder(channel, "t-1").subject("").body(body).receivedAt(Instant.parse("2026-01-05T15:00:00Z")).build();
    }

    @Test
    void anOutageTheRulesMissedIsRaisedToCriticalAndTheReasonKeepsBothReadings() {
        Classification c = rulesSaying(Severity.DEGRADED).classify(request(Channel.EMAIL, OUTAGE));
        assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(c.rule()).isEqualTo(SecondOpinionSeverityRules.RAISED);
        assertThat(c.reason()).contains("reads CRITICAL at 0.").contains("mostly from '")
                .contains("The rules read DEGRADED (test.fixed: the test's rules said so)");
    }

    @Test
    void aConfidentModelCorrectsTheRules() {
        Classification c = rulesSaying(Severity.CRITICAL).classify(request(Channel.CHAT, HOW_TO));
        assertThat(c.severity()).isEqualTo(Severity.LOW);
        assertThat(c.rule()).isEqualTo(SecondOpinionSeverityRules.OVERRIDDEN);
        assertThat(c.reason()).contains("reads LOW at 0.9");
    }

    @Test
    void whenTheModelAgreesOrIsUnsureTheRulesAnswerStandsUnchanged() {
        Classification agreed = rulesSaying(Severity.CRITICAL).classify(request(Channel.EMAIL, OUTAGE));
        assertThat(agreed.rule()).isEqualTo("test.fixed");
        Classification unsure = rulesSaying(Severity.DEGRADED).classify(request(Channel.CHAT, "the phones are all dead"));
        assertThat(unsure.rule()).as("a short line gives the model too little to overrule").isEqualTo("test.fixed");
    }

    /** A model without features: whatever the text, it reads the given probabilities. */
    private static WordModel fixedModel(Path dir, double low, double degraded, double critical) throws IOException {
        String text = "intake-word-model\t1\nlabels\tLOW DEGRADED CRITICAL\nexamples\t1\nignored\t\ncritical-at\t0.4\n"
                + "override-at\t0.9\nbias\t" + Math.log(low) + " " + Math.log(degraded) + " " + Math.log(critical) + "\n";
        Path file = dir.resolve("fixed-" + low + "-" + critical + ".gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return WordModel.read(file);
    }

    @Test
    void theThresholdsDecideAtTheirBoundaries(@TempDir Path dir) throws IOException {
        SeverityRules saysLow = request -> new Classification(Severity.LOW, "test.low", "low");
        SeverityRules saysCritical = request -> new Classification(Severity.CRITICAL, "test.critical", "critical");
        IntakeRequest r = request(Channel.EMAIL, "anything at all");

        assertThat(new SecondOpinionSeverityRules(saysLow, fixedModel(dir, 0.58, 0.01, 0.41)).classify(r).rule())
                .as("CRITICAL at 0.41 raises").isEqualTo(SecondOpinionSeverityRules.RAISED);
        assertThat(new SecondOpinionSeverityRules(saysLow, fixedModel(dir, 0.60, 0.01, 0.39)).classify(r).rule())
                .as("CRITICAL at 0.39 does not").isEqualTo("test.low");
        Classification lowered = new SecondOpinionSeverityRules(saysCritical, fixedModel(dir, 0.91, 0.05, 0.04)).classify(r);
        assertThat(lowered.severity()).as("a model 0.91 sure of LOW overrules a CRITICAL").isEqualTo(Severity.LOW);
        assertThat(lowered.rule()).isEqualTo(SecondOpinionSeverityRules.OVERRIDDEN);
        assertThat(new SecondOpinionSeverityRules(saysCritical, fixedModel(dir, 0.89, 0.06, 0.05)).classify(r).rule())
                .as("0.89 sure is not enough").isEqualTo("test.critical");
        assertThat(new SecondOpinionSeverityRules(saysLow, fixedModel(dir, 0.05, 0.91, 0.04)).classify(r).severity())
                .isEqualTo(Severity.DEGRADED);
    }

    @Test
    void theCustomerNetworkExclusionIsOverruledOnlyByASureModel(@TempDir Path dir) throws IOException {
        SeverityRules excluded = request -> new Classification(Severity.LOW, SecondOpinionSeverityRules.CUSTOMER_NETWORK_RULE, "ISP");
        IntakeRequest r = request(Channel.EMAIL, "our ISP is down at both offices and no phone works");
        assertThat(new SecondOpinionSeverityRules(excluded, fixedModel(dir, 0.35, 0.01, 0.64)).classify(r).rule())
                .as("0.64 would raise any other rule's answer, not the exclusion").isEqualTo(SecondOpinionSeverityRules.CUSTOMER_NETWORK_RULE);
        assertThat(new SecondOpinionSeverityRules(excluded, fixedModel(dir, 0.04, 0.01, 0.95)).classify(r).rule())
                .as("a sure model still overrules it").isEqualTo(SecondOpinionSeverityRules.OVERRIDDEN);
        SeverityRules other = request -> new Classification(Severity.LOW, "low.billing", "bill");
        assertThat(new SecondOpinionSeverityRules(other, fixedModel(dir, 0.35, 0.01, 0.64)).classify(r).rule())
                .isEqualTo(SecondOpinionSeverityRules.RAISED);
    }

    @Test
    void monitoringEventsAreLeftToTheRules() {
        Classification c = rulesSaying(Severity.DEGRADED).classify(request(Channel.MONITOR, OUTAGE));
        assertThat(c.rule()).isEqualTo("test.fixed");
    }

    @Test
    void theDefaultsAreTheShippedRulesWithTheShippedModel() {
        SecondOpinionSeverityRules d = SecondOpinionSeverityRules.defaults();
        assertThat(d.rules()).isSameAs(RuleBasedSeverityRules.defaults());
        assertThat(d.model()).isSameAs(WordModel.shipped());
        assertThat(d.classify(request(Channel.EMAIL, OUTAGE)).severity()).isEqualTo(Severity.CRITICAL);
    }
}
