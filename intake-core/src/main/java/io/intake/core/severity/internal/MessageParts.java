package io.intake.core.severity.internal;

import io.intake.core.ticket.Severity;

import java.util.List;

/**
 * A request cut into what the rules read.
 *
 * @param current      sentences of the newest text (subject first when it is not a reply), in order
 * @param quoted       sentences of quoted or forwarded history, newest first
 * @param suggested    a severity the customer suggested (request field or web form priority line), or null
 * @param ivrMenu      the IVR menu digit the caller pressed, or null
 * @param requestType  the web form's request type, or null
 */
public record MessageParts(List<String> current, List<String> quoted, Severity suggested, String ivrMenu,
                           String requestType) {

    public MessageParts {
        current = List.copyOf(current);
        quoted = List.copyOf(quoted);
    }
}
