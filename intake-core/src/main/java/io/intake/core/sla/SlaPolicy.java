package io.intake.core.sla;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;

import java.time.Instant;

/** Computes the response deadline of a ticket. Implementations are thread-safe. */
@FunctionalInterface
public interface SlaPolicy {

    SlaStamp stamp(Severity severity, Channel channel, Instant receivedAt);
}
