package io.intake.telephony.internal;

import io.intake.core.IntakeGateway;
import io.intake.core.site.SiteStatus;
import io.intake.core.ticket.TicketNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Routes what the manager connection reports: on connect, asks for the current contacts (PJSIPShowContacts) and
 * hands them to the monitor as a snapshot; registration events to the monitor; OriginateResponse to the call-outs.
 */
public final class TelephonyEvents implements AmiSession.Listener {

    private static final Logger log = LoggerFactory.getLogger(TelephonyEvents.class);

    private final Clock clock;
    private volatile RegistrationMonitor monitor;
    private volatile CallOuts callOuts;

    public TelephonyEvents(Clock clock) {
        this.clock = clock;
    }

    public RegistrationMonitor monitor(Inventory inventory, Duration debounce, IntakeGateway gateway, SiteStatus status,
                                       Consumer<TicketNumber> onCritical) {
        monitor = new RegistrationMonitor(inventory, debounce, new OutageTickets(gateway), status, onCritical, clock.instant());
        return monitor;
    }

    public void callOuts(CallOuts callOuts) {
        this.callOuts = callOuts;
    }

    @Override
    public void connected(AmiSession session) {
        RegistrationMonitor m = monitor;
        if (m == null) {
            return;
        }
        try {
            List<AmiMessage> contacts = session.sendList(Map.of("Action", "PJSIPShowContacts"));
            List<RegistrationEvent> items = new ArrayList<>();
            contacts.forEach(c -> RegistrationEvent.from(c, clock.instant()).ifPresent(items::add));
            m.snapshot(items, clock.instant());
        } catch (IOException e) {
            log.warn("Could not learn the current registrations (PJSIPShowContacts): {}", e.getMessage());
        }
    }

    @Override
    public void event(AmiMessage event) {
        RegistrationMonitor m = monitor;
        if (m != null) {
            RegistrationEvent.from(event, clock.instant()).ifPresent(m::accept);
        }
        CallOuts c = callOuts;
        if (c != null) {
            c.event(event);
        }
    }

    @Override
    public void disconnected() {
        log.debug("Registration events paused until the manager connection is back");
    }
}
