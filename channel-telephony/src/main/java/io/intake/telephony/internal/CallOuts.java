package io.intake.telephony.internal;

import io.intake.core.IntakeException;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.TicketNumber;
import io.intake.telephony.TelephonyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Calls on-call for a CRITICAL ticket: an async AMI Originate to the configured destination whose answered call runs
 * the {@code callout} AGI script (it says the ticket number). The outcome arrives as {@code OriginateResponse}
 * (Success, or Failure with a Reason); a refused or failed attempt is retried after {@code retry-delay}, up to
 * {@code attempts}. Every attempt's outcome is recorded on the ticket as a comment.
 */
public final class CallOuts {

    private static final Logger log = LoggerFactory.getLogger(CallOuts.class);
    private static final Requester CALL_OUT = new Requester("call-out", null, null, null);

    private final TelephonyConfig.CallOut config;
    private final AmiSession session;
    private final ScheduledExecutorService scheduler;
    private final IntakeGateway gateway;
    private final Clock clock;
    private final Map<String, CompletableFuture<AmiMessage>> waiting = new ConcurrentHashMap<>();

    public CallOuts(TelephonyConfig.CallOut config, AmiSession session, ScheduledExecutorService scheduler,
                    IntakeGateway gateway, Clock clock) {
        this.config = config;
        this.session = session;
        this.scheduler = scheduler;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** Starts calling on-call about the ticket; returns at once. */
    public void callOut(TicketNumber ticket) {
        scheduler.execute(() -> attempt(ticket, 1));
    }

    /** Feeds AMI events; picks up {@code OriginateResponse}. */
    void event(AmiMessage event) {
        if ("OriginateResponse".equalsIgnoreCase(event.event()) && event.actionId() != null) {
            CompletableFuture<AmiMessage> f = waiting.remove(event.actionId());
            if (f != null) {
                f.complete(event);
            }
        }
    }

    private void attempt(TicketNumber ticket, int attempt) {
        String id = AmiClient.nextActionId();
        CompletableFuture<AmiMessage> outcome = new CompletableFuture<>();
        waiting.put(id, outcome);
        Map<String, String> action = new LinkedHashMap<>();
        action.put("Action", "Originate");
        action.put("ActionID", id);
        action.put("Channel", config.destination());
        action.put("Application", "AGI");
        action.put("Data", config.agiUrl() + "/callout?ticket=" + ticket);
        action.put("CallerID", config.callerId());
        action.put("Timeout", Long.toString(config.ringTimeout().toMillis()));
        action.put("Async", "true");
        try {
            AmiMessage response = session.send(action);
            if (!response.isSuccess()) {
                waiting.remove(id);
                failed(ticket, attempt, "Originate refused: " + response.get("Message"));
                return;
            }
        } catch (IOException e) {
            waiting.remove(id);
            failed(ticket, attempt, e.getMessage());
            return;
        }
        long wait = config.ringTimeout().toMillis() + 30_000;
        outcome.orTimeout(wait, TimeUnit.MILLISECONDS).whenComplete((event, error) -> {
            waiting.remove(id);
            if (error != null) {
                failed(ticket, attempt, "no OriginateResponse within " + wait / 1000 + " s");
            } else if ("Success".equalsIgnoreCase(event.get("Response"))) {
                record(ticket, attempt, "Call-out to on-call " + config.destination() + " answered (attempt " + attempt
                        + " of " + config.attempts() + "); the ticket number was read out.", "answered");
                log.info("Call-out for ticket {} answered on attempt {}", ticket, attempt);
            } else {
                failed(ticket, attempt, "OriginateResponse " + event.get("Response") + ", reason " + event.get("Reason"));
            }
        });
    }

    private void failed(TicketNumber ticket, int attempt, String why) {
        boolean last = attempt >= config.attempts();
        log.warn("Call-out for ticket {} attempt {} of {} failed: {}{}", ticket, attempt, config.attempts(), why,
                last ? "; giving up" : "; retrying in " + config.retryDelay());
        record(ticket, attempt, "Call-out to on-call " + config.destination() + " failed (attempt " + attempt + " of "
                + config.attempts() + "): " + why + (last ? ". No more attempts." : ". Retrying."), last ? "gave-up" : "failed");
        if (!last) {
            scheduler.schedule(() -> attempt(ticket, attempt + 1), config.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void record(TicketNumber ticket, int attempt, String text, String outcome) {
        try {
            IntakeResult result = gateway.submit(IntakeRequest.builder(Channel.PHONE, "callout:" + ticket + ":" + attempt)
                    .conversationKey(ticket.toString()).requester(CALL_OUT).subject("Call-out").body(text)
                    .receivedAt(clock.instant()).attributes(Map.of("callout.outcome", outcome,
                            "callout.attempt", Integer.toString(attempt))).build());
            if (result instanceof IntakeResult.Rejected rejected) {
                log.warn("Call-out record for ticket {} rejected: {}", ticket, rejected.reason());
            }
        } catch (IntakeException e) {
            log.warn("Call-out record for ticket {} could not be stored: {}", ticket, e.getMessage(), e);
        }
    }
}
