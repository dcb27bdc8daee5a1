package io.intake.core;

import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;

import java.time.Instant;
import java.util.List;

/**
 * The one entry point every channel calls. An {@link IntakeResult.Accepted} answer means the request is durable and
 * may be acknowledged to its sender; a {@link IntakeResult.Rejected} answer has been recorded. A failure of the
 * gateway's own storage is thrown as {@link IntakeException}: the channel must not acknowledge, and should let the
 * sender retry (leave the mail unseen, answer 503, keep the chat message unacknowledged).
 */
public interface IntakeGateway {

    /** Validates, dedupes, threads, classifies, stamps and commits one request. */
    IntakeResult submit(IntakeRequest request);

    /**
     * Records a request that could not even be built (a field failed validation at the channel's edge), so that it is
     * never dropped silently; answers the rejection to tell the sender.
     */
    IntakeResult.Rejected reject(Channel channel, String sourceRef, String reason, List<FieldProblem> problems);

    /**
     * The customer asks for the severity to be reassessed: the ticket is classified again with their words added, and
     * an update keeping both classifications is recorded.
     */
    IntakeResult reassess(TicketNumber number, Channel channel, String sourceRef, Requester requester, String text,
                          Instant receivedAt);

    /** An agent sets the severity; recorded as an update keeping both classifications. */
    IntakeResult override(TicketNumber number, Severity severity, String agent, String reason, Instant at);

    /** Registers a conversation key (an acknowledgement's Message-ID, a chat session) for threading. */
    void link(String conversationKey, TicketNumber number);

    /**
     * Forgets a conversation key, so later requests carrying it open a new ticket (for example "the open incident of
     * site A" once the site has recovered). Unknown keys are ignored.
     */
    void unlink(String conversationKey);
}
