package io.intake.core;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test gateway that throws {@link IntakeException} (as a failing store does) for the requests {@code failFor}
 * selects, and passes everything else to the real gateway. Requests {@code loseAnswerFor} selects are committed and
 * then throw, as when a node dies between the commit and the answer. Shipped in the intake-core test-jar for the
 * channels' tests.
 */
public record FailingGateway(IntakeGateway delegate, Predicate<IntakeRequest> failFor,
                             Predicate<IntakeRequest> loseAnswerFor) implements IntakeGateway {

    /** Fails the selected requests before they reach the store. */
    public FailingGateway(IntakeGateway delegate, Predicate<IntakeRequest> failFor) {
        this(delegate, failFor, request -> false);
    }

    @Override
    public IntakeResult submit(IntakeRequest request) {
        if (failFor.test(request)) {
            throw new IntakeException("simulated storage failure");
        }
        IntakeResult result = delegate.submit(request);
        if (loseAnswerFor.test(request)) {
            throw new IntakeException("simulated crash after the commit");
        }
        return result;
    }

    @Override
    public IntakeResult.Rejected reject(Channel channel, String sourceRef, String reason, List<IntakeResult.FieldProblem> problems) {
        return delegate.reject(channel, sourceRef, reason, problems);
    }

    @Override
    public IntakeResult reassess(TicketNumber number, Channel channel, String sourceRef, Requester requester, String text,
                                 Instant receivedAt) {
        return delegate.reassess(number, channel, sourceRef, requester, text, receivedAt);
    }

    @Override
    public IntakeResult override(TicketNumber number, Severity severity, String agent, String reason, Instant at) {
        return delegate.override(number, severity, agent, reason, at);
    }

    @Override
    public void link(String conversationKey, TicketNumber number) {
        delegate.link(conversationKey, number);
    }

    @Override
    public void unlink(String conversationKey) {
        delegate.unlink(conversationKey);
    }
}
