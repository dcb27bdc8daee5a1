package io.intake.web.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;
import io.intake.web.TicketForm;
import io.intake.web.WebChannelProperties;
import io.intake.web.WebIntake;
import io.intake.web.WebSubmission;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the JSON body of {@code POST /api/v1/tickets}: the bytes go through
 * {@link RequestFields#json(byte[], long)}, the {@link TicketForm} and {@link WebIntake#submitTicket} up to the
 * {@link IntakeRequest} handed to the gateway (a gateway here that keeps the request and answers "rejected", so no
 * store is needed). Without {@code JAZZER_FUZZ} only the seeds in {@code TicketBodyFuzzTestInputs/} run.
 * <p>
 * The properties: a body is either refused with {@link RequestFields.Unreadable} (400 or 413, a short message that
 * does not repeat the body) or read; reading, validating and building never throw anything else; a request that
 * reaches the gateway has one-line subject and name within the form's limits and a bounded body.
 */
class TicketBodyFuzzTest {

    static final long MAX_BYTES = 64 * 1024;
    static final WebChannelProperties.Upload LIMITS = new WebChannelProperties.Upload(3, 1024, MAX_BYTES, 5_000);

    private static final AtomicReference<IntakeRequest> SUBMITTED = new AtomicReference<>();
    private static final WebIntake INTAKE = new WebIntake(new KeepingGateway(), null, null, LIMITS, Clock.systemUTC());

    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anyBodyIsReadOrRefusedWithAClearError(byte[] body) {
        RequestFields fields;
        try {
            fields = RequestFields.json(body, MAX_BYTES);
        } catch (RequestFields.Unreadable e) {
            assertThat(e.status).isIn(400, 413);
            assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(120);
            return;
        }
        assertThat(fields.files()).isEmpty();
        if (!fields.problems().isEmpty()) {
            return; // answered 422 naming each field
        }
        TicketForm form = new TicketForm(fields.get("name"), fields.get("email"), fields.get("phone"), fields.get("account"),
                fields.get("site"), fields.get("category"), fields.get("subject"), fields.get("description"),
                fields.get("suggested_severity"));
        SUBMITTED.set(null);
        WebSubmission result = INTAKE.submitTicket(form, List.of(), "api:fuzz", null, "api");

        assertThat(result).isInstanceOf(WebSubmission.Invalid.class);
        IntakeRequest request = SUBMITTED.get();
        if (request != null) {
            assertThat(form.problems(LIMITS.maxDescriptionChars())).isEmpty();
            assertThat(request.subject()).doesNotContain("\r", "\n").hasSizeLessThanOrEqualTo(TicketForm.MAX_SUBJECT);
            assertThat(request.requester().name()).doesNotContain("\r", "\n").hasSizeLessThanOrEqualTo(TicketForm.MAX_NAME);
            assertThat(request.body().length()).isLessThanOrEqualTo(LIMITS.maxDescriptionChars() + 200);
        }
    }

    /** Keeps the request it is given and rejects it, as a gateway records a rejected request. */
    static final class KeepingGateway implements IntakeGateway {
        @Override
        public IntakeResult submit(IntakeRequest request) {
            SUBMITTED.set(request);
            return new IntakeResult.Rejected("kept by the fuzz test", List.of());
        }

        @Override
        public IntakeResult.Rejected reject(Channel channel, String sourceRef, String reason, List<IntakeResult.FieldProblem> problems) {
            return new IntakeResult.Rejected(reason, problems);
        }

        @Override
        public IntakeResult reassess(TicketNumber number, Channel channel, String sourceRef, Requester requester, String text,
                                     Instant receivedAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IntakeResult override(TicketNumber number, Severity severity, String agent, String reason, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void link(String conversationKey, TicketNumber number) {
        }

        @Override
        public void unlink(String conversationKey) {
        }
    }
}
