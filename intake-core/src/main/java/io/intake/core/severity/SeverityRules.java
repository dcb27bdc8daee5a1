package io.intake.core.severity;

import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;

/** Decides the severity of a request and says why. Implementations are thread-safe. */
@FunctionalInterface
public interface SeverityRules {

    Classification classify(IntakeRequest request);
}
