package io.intake.core.site;

import io.intake.core.InvalidFieldException;

import java.time.Instant;

/**
 * One phone (a SIP endpoint) and whether it is registered and reachable.
 *
 * @param endpoint the endpoint name as the PBX knows it
 * @param online   registered and answering
 * @param since    when it was last seen changing state; null when never observed
 */
public record PhoneRegistration(String endpoint, boolean online, Instant since) {

    public PhoneRegistration {
        if (endpoint == null || endpoint.isBlank()) {
            throw new InvalidFieldException("phone.endpoint", "is required");
        }
    }
}
