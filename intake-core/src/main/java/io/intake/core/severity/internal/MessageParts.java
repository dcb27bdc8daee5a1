package io.intake.core.severity.internal;

import io.intake.core.ticket.Severity;

import java.util.List;

/**
 * A request cut into what the rules read.
 *
 * @param current      sentences of the newest text (subject first when it is not a reply), in order
 * @param paragraphs   per sentence of {@code current}: its paragraph (0 for the subject, then 1, 2, ... for the
 *                     body's paragraphs, which blank lines separate)
 * @param quoted       sentences of quoted or forwarded history, newest first
 * @param suggested    a severity the customer suggested (request field or web form priority line), or null
 * @param ivrMenu      the IVR menu digit the caller pressed, or null
 * @param requestType  the web form's request type, or null
 */
public record MessageParts(List<String> current, List<Integer> paragraphs, List<String> quoted, Severity suggested,
                           String ivrMenu, String requestType) {

    public MessageParts {
        current = List.copyOf(current);
        paragraphs = List.copyOf(paragraphs);
        quoted = List.copyOf(quoted);
        if (paragraphs.size() != current.size()) {
            throw new IllegalArgumentException("one paragraph number per sentence: " + paragraphs.size() + " for " + current.size());
        }
    }

    /** The newest text's sentences that belong to the given paragraphs, in order. */
    public List<String> sentencesOf(java.util.Set<Integer> wanted) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            if (wanted.contains(paragraphs.get(i))) {
                out.add(current.get(i));
            }
        }
        return out;
    }
}
