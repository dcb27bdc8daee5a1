package io.intake.core.pipeline;

import io.intake.core.severity.SeverityRules;
import io.intake.core.sla.SlaPolicy;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Requests and simple rules for pipeline tests (the real rules and SLA are tested on their own). */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-06-10T14:15:00Z");

    /** Everything mentioning "down" is CRITICAL, the rest LOW: enough to see the pipeline carry decisions. */
    static final SeverityRules RULES = request -> request.body().contains("down")
            ? new Classification(Severity.CRITICAL, "test.down", "says down")
            : new Classification(Severity.LOW, "test.other", "anything else");

    static final SlaPolicy SLA = (severity, channel, receivedAt) -> new SlaStamp("test: +1h",
            ZoneId.of("America/New_York"), receivedAt, receivedAt.plus(Duration.ofHours(1)), null, null);

    private Fixtures() {
    }

    static IntakeRequest email(String messageId, String body) {
        return IntakeRequest.builder(Channel.EMAIL, messageId)
                .requester(Requester.ofEmail("Dana Reyes", "dana@example.com"))
                .subject("Phones").body(body).receivedAt(NOW).build();
    }

    static IntakeRequest reply(String messageId, String inReplyTo, String body) {
        return IntakeRequest.builder(Channel.EMAIL, messageId)
                .requester(Requester.ofEmail("Dana Reyes", "dana@example.com"))
                .conversationKey(inReplyTo).subject("Re: Phones").body(body).receivedAt(NOW).build();
    }
}
