package io.intake.core.pipeline;

import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.ticket.Attachment;
import io.intake.core.ticket.IntakeRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's first step: checks a request against the configured limits and reports every problem at once, each
 * naming the field and the limit. (Structural problems, such as a missing channel, are caught earlier by the record
 * constructors.)
 */
public final class RequestValidator {

    private static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private final IntakeLimits limits;
    private final Clock clock;

    public RequestValidator(IntakeLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public List<FieldProblem> problems(IntakeRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.body().length() > limits.maxBodyChars()) {
            problems.add(new FieldProblem("body", "is " + request.body().length() + " characters; at most "
                    + limits.maxBodyChars() + " are allowed (intake.limits.max-body-chars)"));
        }
        if (request.attachments().size() > limits.maxAttachments()) {
            problems.add(new FieldProblem("attachments", "has " + request.attachments().size() + " files; at most "
                    + limits.maxAttachments() + " are allowed (intake.limits.max-attachments)"));
        }
        long total = 0;
        for (int i = 0; i < request.attachments().size(); i++) {
            Attachment a = request.attachments().get(i);
            total += a.size();
            if (a.size() > limits.maxAttachmentBytes()) {
                problems.add(new FieldProblem("attachments[" + i + "].size", "'" + a.name() + "' is " + a.size()
                        + " bytes; at most " + limits.maxAttachmentBytes() + " are allowed (intake.limits.max-attachment-bytes)"));
            }
            if (a.inlineData() != null && a.inlineData().length() > base64Length(limits.inlineAttachmentBytes())) {
                problems.add(new FieldProblem("attachments[" + i + "].inline_data", "'" + a.name()
                        + "' carries more than " + limits.inlineAttachmentBytes()
                        + " bytes inline; store it and send a content_ref (intake.limits.inline-attachment-bytes)"));
            }
            if (a.contentRef() == null && a.inlineData() == null && a.size() > 0) {
                problems.add(new FieldProblem("attachments[" + i + "].content_ref", "'" + a.name()
                        + "' has neither stored content nor inline data"));
            }
        }
        if (total > limits.maxTotalBytes()) {
            problems.add(new FieldProblem("attachments", "total " + total + " bytes; at most " + limits.maxTotalBytes()
                    + " are allowed (intake.limits.max-total-bytes)"));
        }
        if (request.receivedAt().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            problems.add(new FieldProblem("received_at", request.receivedAt() + " is more than "
                    + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
        }
        return problems;
    }

    private static int base64Length(int bytes) {
        return (bytes + 2) / 3 * 4;
    }
}
