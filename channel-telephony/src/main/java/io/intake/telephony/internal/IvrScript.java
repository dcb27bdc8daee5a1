package io.intake.telephony.internal;

import io.intake.core.IntakeException;
import io.intake.core.InvalidFieldException;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.directory.Customer;
import io.intake.core.directory.CustomerDirectory;
import io.intake.core.sla.BusinessCalendar;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Site;
import io.intake.telephony.Prompts;
import io.intake.telephony.TelephonyConfig;
import io.intake.telephony.internal.CallIntake.Menu;
import io.intake.telephony.internal.CallLine.Digits;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.util.Optional;

/**
 * The support line's IVR ({@code agi://HOST:PORT/ivr}): identify the caller, ask what is wrong, record a description,
 * commit the ticket, and only then read its number back. Whatever happens (a hang-up at any step, bad input, a
 * refused command) the call ends with one ticket holding what was gathered; the call's unique id is the source
 * reference, so a retried submit never makes a second one.
 */
public final class IvrScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(IvrScript.class);

    private final TelephonyConfig.Agi config;
    private final Prompts prompts;
    private final IntakeGateway gateway;
    private final CustomerDirectory directory;
    private final BusinessCalendar office;
    private final Clock clock;

    public IvrScript(TelephonyConfig.Agi config, IntakeGateway gateway, CustomerDirectory directory,
                     BusinessCalendar office, Clock clock) {
        this.config = config;
        this.prompts = config.prompts();
        this.gateway = gateway;
        this.directory = directory;
        this.office = office;
        this.clock = clock;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        CallIntake call = new CallIntake(request.getUniqueId(), callerId(request::getCallerIdNumber),
                callerId(request::getCallerIdName), clock.instant());
        CallLine line = new CallLine(channel);
        MDC.put("channel", "phone");
        MDC.put("source", call.uniqueId);
        try {
            log.info("Call {} from {} started", call.uniqueId, PhoneMask.mask(call.callerId));
            line.answer();
            line.step("identify");
            identifyByCallerId(call);
            line.step("welcome");
            char early = line.play(prompts.welcome(), "1239");
            line.step("menu");
            call.menu = chooseMenu(line, call, early);
            if (call.customer == null) {
                line.step("account");
                askAccount(line, call);
            }
            if (call.customer != null && call.site == null) {
                line.step("site");
                askSite(line, call);
            }
            line.step("record");
            recordDescription(line, call);
            call.complete = true;
            line.step("submit");
            Optional<IntakeResult.Accepted> accepted = submit(call, line.step());
            line.step("readback");
            if (accepted.isPresent()) {
                readBack(line, accepted.get());
            } else {
                line.play(prompts.failure(), "");
            }
            if (config.onCallTransfer() != null && (call.menu == Menu.SERVICE_DOWN || accepted.isPresent()
                    && accepted.get().severity() == Severity.CRITICAL)) {
                line.step("transfer");
                line.play(prompts.transfer(), "");
                line.exec("Dial", config.onCallTransfer() + ",30");
            }
            line.step("goodbye");
            line.play(prompts.goodbye(), "");
            line.hangup();
        } catch (CallerHungUp e) {
            log.info("Call {}: caller hung up during {}", call.uniqueId, line.step());
        } catch (CallLine.AgiFailure e) {
            log.warn("Call {}: {}", call.uniqueId, e.getMessage(), e);
        } finally {
            if (!call.complete) {
                submitAfterHangUp(call, line.step());
            }
            log.debug("Call {} ended after {} AGI commands", call.uniqueId, line.commands());
            MDC.clear();
        }
    }

    /**
     * One part of the caller ID, or null when Asterisk sent one its parser cannot read (AstUtil.parseCallerId throws on
     * some malformed values, found by fuzzing): the call goes on as one from an unknown number.
     */
    private static String callerId(java.util.function.Supplier<String> part) {
        try {
            return part.get();
        } catch (RuntimeException e) {
            log.warn("Caller ID could not be parsed ({}); treating the caller as unknown", e.getClass().getSimpleName());
            return null;
        }
    }

    private void identifyByCallerId(CallIntake call) {
        directory.byCallerId(call.callerId).ifPresent(match -> call.identified(match, "caller-id"));
        if (call.customer != null && call.site == null) {
            call.site = call.customer.onlySite().orElse(null);
        }
    }

    private Menu chooseMenu(CallLine line, CallIntake call, char early) {
        call.afterHours = !office.isOpen(clock.instant());
        char pressed = early;
        for (int bad = 0; bad < config.maxTries(); ) {
            if (pressed == 0) {
                Digits digits = line.read(call.afterHours ? prompts.menuAfterHours() : prompts.menu(),
                        config.digitTimeout().toMillis(), 1);
                pressed = digits.isEmpty() ? 0 : digits.value().charAt(0);
            }
            switch (pressed) {
                case '1':
                    return Menu.SERVICE_DOWN;
                case '2':
                    return Menu.SOME_PHONES;
                case '3':
                    if (call.afterHours) {
                        line.play(prompts.officeClosed(), "");
                    }
                    return Menu.ADMINISTRATIVE;
                case '9':
                    break;
                default:
                    bad++;
                    if (pressed != 0) {
                        line.play(prompts.invalid(), "");
                    }
            }
            pressed = 0;
        }
        log.info("Call {}: no valid menu choice after {} tries; continuing", call.uniqueId, config.maxTries());
        return Menu.NONE;
    }

    private void askAccount(CallLine line, CallIntake call) {
        for (int tries = 0; tries < config.maxTries(); tries++) {
            Digits digits = line.read(prompts.account(), config.digitTimeout().toMillis(), Customer.MAX_ACCOUNT_DIGITS);
            Optional<Customer> customer = digits.isEmpty() ? Optional.empty() : directory.byAccount(digits.value());
            if (customer.isPresent()) {
                call.customer = customer.get();
                call.identifiedBy = "account";
                call.site = call.customer.onlySite().orElse(null);
                return;
            }
            line.play(prompts.invalid(), "");
        }
        log.info("Call {}: account not identified after {} tries; continuing unidentified", call.uniqueId, config.maxTries());
    }

    private void askSite(CallLine line, CallIntake call) {
        for (int tries = 0; tries < config.maxTries(); tries++) {
            Digits digits = line.read(prompts.site(), config.digitTimeout().toMillis(), 10);
            Optional<Site> site = digits.isEmpty() ? Optional.empty() : call.customer.site(digits.value());
            if (site.isPresent()) {
                call.site = site.get();
                return;
            }
            line.play(prompts.invalid(), "");
        }
    }

    private void recordDescription(CallLine line, CallIntake call) {
        String path = config.recordingDirectory() + "/call-" + call.uniqueId.replaceAll("[^A-Za-z0-9._-]", "_");
        line.play(prompts.record(), "");
        call.recordingRef = "asterisk-recording:" + path + "." + config.recordingFormat();
        call.recordingFinished = line.record(path, config.recordingFormat(), config.maxRecording().toMillis(),
                (int) config.recordingSilence().toSeconds());
    }

    /**
     * Nobody is left on the line to tell, so a commit that fails is tried again a few times (the ticket's source
     * reference is the call's unique id, so a retry after a commit whose answer was lost makes no second ticket).
     */
    private void submitAfterHangUp(CallIntake call, String step) {
        long pause = HANG_UP_RETRY_PAUSE_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                commit(call, step);
                return;
            } catch (InvalidFieldException e) {
                log.error("Call {}: the hung-up call's ticket was refused, trying again cannot help: {}", call.uniqueId,
                        e.getMessage(), e);
                return;
            } catch (IntakeException e) {
                if (attempt == HANG_UP_ATTEMPTS) {
                    log.error("Call {}: the hung-up call's ticket could not be recorded after {} attempts: {}",
                            call.uniqueId, attempt, e.getMessage(), e);
                    return;
                }
                log.warn("Call {}: ticket could not be recorded (attempt {} of {}), trying again: {}", call.uniqueId,
                        attempt, HANG_UP_ATTEMPTS, e.getMessage());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.error("Call {}: interrupted; the hung-up call's ticket was not recorded", call.uniqueId);
                return;
            }
            pause *= 2;
        }
    }

    private static final int HANG_UP_ATTEMPTS = 4;
    private static final long HANG_UP_RETRY_PAUSE_MS = 500;

    /** Commits the ticket; empty when it could not be (the caller must then not hear a number). */
    private Optional<IntakeResult.Accepted> submit(CallIntake call, String step) {
        try {
            return commit(call, step);
        } catch (IntakeException e) {
            log.warn("Call {}: ticket could not be recorded, the caller is not given a number: {}", call.uniqueId,
                    e.getMessage(), e);
            return Optional.empty();
        }
    }

    /** The ticket, or empty when the request was refused (recorded by the gateway); a storage failure is thrown. */
    private Optional<IntakeResult.Accepted> commit(CallIntake call, String step) {
        IntakeResult result = gateway.submit(call.toRequest(step, config.recordingFormat()));
        if (result instanceof IntakeResult.Accepted accepted) {
            MDC.put("ticket", accepted.ticketNumber().toString());
            log.info("Call {}: ticket {} {} ({}{})", call.uniqueId, accepted.ticketNumber(),
                    accepted.outcome().name().toLowerCase(), accepted.severity(), call.complete ? "" : ", incomplete");
            return Optional.of(floorServiceDown(call, accepted));
        }
        log.warn("Call {}: request rejected: {}", call.uniqueId, ((IntakeResult.Rejected) result).reason());
        return Optional.empty();
    }

    /**
     * Menu 1 is a floor: the rules decide, but an outage reported on menu 1 is never below CRITICAL unless an agent
     * reassesses it. The core pipeline is not changed for this; the IVR records an override as agent {@code ivr}.
     */
    private IntakeResult.Accepted floorServiceDown(CallIntake call, IntakeResult.Accepted accepted) {
        if (call.menu != Menu.SERVICE_DOWN || accepted.severity() == Severity.CRITICAL
                || accepted.outcome() == IntakeResult.Outcome.UPDATED) {
            return accepted;
        }
        IntakeResult overridden = gateway.override(accepted.ticketNumber(), Severity.CRITICAL, "ivr",
                "caller chose menu 1 (service down)", clock.instant());
        if (overridden instanceof IntakeResult.Accepted raised) {
            log.info("Call {}: ticket {} raised from {} to CRITICAL (menu 1 floor)", call.uniqueId,
                    accepted.ticketNumber(), accepted.severity());
            return new IntakeResult.Accepted(accepted.ticketNumber(), accepted.sequence(), accepted.outcome(),
                    Severity.CRITICAL, raised.responseDue(), "ivr.menu-1-floor");
        }
        return accepted;
    }

    private void readBack(CallLine line, IntakeResult.Accepted accepted) {
        line.setVariable("INTAKE_TICKET", accepted.ticketNumber().toString());
        line.play(prompts.ticketNumber(), "");
        line.sayDigits(accepted.ticketNumber().toString());
        line.play(prompts.target(accepted.severity()), "");
    }
}
