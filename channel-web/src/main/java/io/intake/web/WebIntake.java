package io.intake.web;

import io.intake.core.attachment.AttachmentStore;
import io.intake.core.IntakeException;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.IntakeResult.Accepted;
import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Attachment;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Site;
import io.intake.core.ticket.TicketNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The web channel's adapter: turns a form or API submission into one {@link IntakeRequest}, submits it, and issues
 * the customer's access token once the ticket is durable. Bad input is answered with every field problem at once and
 * recorded through {@link IntakeGateway#reject}; a failure of the gateway's storage is thrown as
 * {@link IntakeException} (answer 503, never 2xx).
 */
public final class WebIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebIntake.class);

    private final IntakeGateway gateway;
    private final AttachmentStore attachments;
    private final AccessTokens tokens;
    private final WebChannelProperties.Upload limits;
    private final Clock clock;

    public WebIntake(IntakeGateway gateway, AttachmentStore attachments, AccessTokens tokens,
                     WebChannelProperties.Upload limits, Clock clock) {
        this.gateway = gateway;
        this.attachments = attachments;
        this.tokens = tokens;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Submits a new ticket.
     *
     * @param sourceRef   unique per submission: {@code form:<submission id>}, {@code api:<hash of Idempotency-Key>}
     * @param fingerprint a hash of the request for idempotent retries, or null; a retry with the same source
     *                    reference but another fingerprint is a {@link WebSubmission.Conflict}
     * @param client      {@code form} or {@code api}, recorded as an attribute
     */
    public WebSubmission submitTicket(TicketForm form, List<UploadedFile> files, String sourceRef, String fingerprint,
                                      String client) {
        List<FieldProblem> problems = new ArrayList<>(form.problems(limits.maxDescriptionChars()));
        problems.addAll(fileProblems(files));
        if (!problems.isEmpty()) {
            return reject(sourceRef, "Some fields need attention.", problems);
        }
        List<Attachment> stored = store(files);
        RequestCategory category = form.requestCategory();
        IntakeRequest request;
        try {
            request = IntakeRequest.builder(Channel.WEB, sourceRef)
                    .requester(new Requester(form.name(), form.email(), TicketForm.orNull(form.phone()),
                            TicketForm.orNull(form.account())))
                    .site(form.site().isEmpty() ? null : Site.of(form.site()))
                    .subject(form.subject())
                    .body("Request type: " + category.label() + "\n\n" + form.description())
                    .attachments(stored)
                    .suggestedSeverity(form.severity())
                    .receivedAt(clock.instant())
                    .attributes(Map.of("web.client", client, "web.category", category.code()))
                    .build();
        } catch (InvalidFieldException e) {
            return reject(sourceRef, "Some fields need attention.", List.of(new FieldProblem(webField(e.field()), problemOf(e))));
        }
        IntakeResult result = gateway.submit(request);
        if (result instanceof IntakeResult.Rejected rejected) {
            return invalid(rejected);
        }
        Accepted accepted = (Accepted) result;
        if (fingerprint != null) {
            if (accepted.outcome() == IntakeResult.Outcome.DUPLICATE) {
                String earlier = tokens.fingerprint(sourceRef).orElse(fingerprint);
                if (!earlier.equals(fingerprint)) {
                    return new WebSubmission.Conflict("this Idempotency-Key was used for a different request");
                }
            } else {
                tokens.rememberFingerprint(sourceRef, accepted.ticketNumber(), fingerprint, clock.instant());
            }
        }
        String token = tokens.issue(accepted.ticketNumber(), clock.instant());
        try (MDC.MDCCloseable t = MDC.putCloseable("ticket", accepted.ticketNumber().toString())) {
            LOG.debug("web {} request {}: {} {}", client, accepted.outcome(), accepted.severity(), accepted.responseDue());
        }
        return new WebSubmission.Received(accepted, token);
    }

    /** Appends the customer's comment to their ticket (the caller has checked their access token). */
    public WebSubmission comment(TicketNumber number, Requester author, String text, String sourceRef) {
        String body = text == null ? "" : text.replace("\r\n", "\n").strip();
        if (body.isEmpty()) {
            return reject(sourceRef, "The comment is empty.", List.of(new FieldProblem("text", "is required")));
        }
        if (body.length() > limits.maxDescriptionChars()) {
            return reject(sourceRef, "The comment is too long.", List.of(new FieldProblem("text", "is " + body.length()
                    + " characters; at most " + limits.maxDescriptionChars() + " are allowed")));
        }
        IntakeRequest request;
        try {
            request = IntakeRequest.builder(Channel.WEB, sourceRef)
                    .conversationKey(number.toString())
                    .requester(author)
                    .body(body)
                    .receivedAt(clock.instant())
                    .attributes(Map.of("web.client", "api"))
                    .build();
        } catch (InvalidFieldException e) {
            return reject(sourceRef, "The comment is invalid.", List.of(new FieldProblem("text", problemOf(e))));
        }
        IntakeResult result = gateway.submit(request);
        if (result instanceof IntakeResult.Rejected rejected) {
            List<FieldProblem> problems = new ArrayList<>();
            for (FieldProblem p : rejected.problems()) {
                problems.add(new FieldProblem("body".equals(p.field()) ? "text" : webField(p.field()), p.message()));
            }
            return new WebSubmission.Invalid(rejected.reason(), problems);
        }
        return new WebSubmission.Received((Accepted) result, null);
    }

    private List<FieldProblem> fileProblems(List<UploadedFile> files) {
        List<FieldProblem> problems = new ArrayList<>();
        if (files.size() > limits.maxFiles()) {
            problems.add(new FieldProblem("attachments", files.size() + " files; at most " + limits.maxFiles() + " are allowed"));
        }
        for (UploadedFile file : files) {
            if (file.size() > limits.maxFileBytes()) {
                problems.add(new FieldProblem("attachments", "'" + Attachment.safeName(file.name()) + "' is "
                        + megabytes(file.size()) + "; each file may be at most " + megabytes(limits.maxFileBytes())));
            }
        }
        return problems;
    }

    private List<Attachment> store(List<UploadedFile> files) {
        List<Attachment> stored = new ArrayList<>(files.size());
        for (UploadedFile file : files) {
            try (InputStream in = file.content().open()) {
                AttachmentStore.Stored s = attachments.store(in, limits.maxFileBytes());
                stored.add(new Attachment(file.name(), file.contentType(), s.size(), s.contentRef(), null));
            } catch (IOException e) {
                throw new IntakeException("cannot read a web attachment: " + e.getMessage(), e);
            }
        }
        return stored;
    }

    private WebSubmission.Invalid reject(String sourceRef, String reason, List<FieldProblem> problems) {
        IntakeResult.Rejected rejected = gateway.reject(Channel.WEB, sourceRef, reason, problems);
        return invalid(rejected);
    }

    private static WebSubmission.Invalid invalid(IntakeResult.Rejected rejected) {
        List<FieldProblem> mapped = new ArrayList<>();
        for (FieldProblem p : rejected.problems()) {
            mapped.add(new FieldProblem(webField(p.field()), p.message()));
        }
        return new WebSubmission.Invalid(rejected.reason(), mapped);
    }

    /** The form's and API's name for a core field name. */
    static String webField(String coreField) {
        if (coreField.startsWith("requester.")) {
            return coreField.substring("requester.".length());
        }
        if (coreField.equals("requester")) {
            return "name";
        }
        if (coreField.startsWith("site")) {
            return "site";
        }
        if (coreField.equals("body")) {
            return "description";
        }
        if (coreField.startsWith("attachment")) {
            return "attachments";
        }
        return coreField;
    }

    private static String problemOf(InvalidFieldException e) {
        String message = e.getMessage();
        String prefix = e.field() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String megabytes(long bytes) {
        return bytes >= 1 << 20 ? String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0) : Math.max(1, bytes / 1024) + " KB";
    }
}
