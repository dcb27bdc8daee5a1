package io.intake.telephony;

import io.intake.core.IntakeGateway;
import io.intake.core.directory.CustomerDirectory;
import io.intake.core.site.SiteStatus;
import io.intake.core.sla.BusinessCalendar;
import io.intake.core.ticket.TicketNumber;
import io.intake.telephony.internal.AgiListener;
import io.intake.telephony.internal.AmiSession;
import io.intake.telephony.internal.CallOutScript;
import io.intake.telephony.internal.CallOuts;
import io.intake.telephony.internal.Inventory;
import io.intake.telephony.internal.IvrScript;
import io.intake.telephony.internal.RegistrationMonitor;
import io.intake.telephony.internal.TelephonyEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The telephony channel: the FastAGI IVR ({@code agi://HOST:PORT/ivr}), the AMI registration monitor and call-outs,
 * each running only when configured. Plain Java; the runnable gateway constructs, starts and stops it.
 *
 * <pre>{@code
 * TelephonyChannel phone = new TelephonyChannel(config, gateway, directory, siteStatus, Clock.systemUTC(),
 *         BusinessCalendars.defaults().get("office"));
 * phone.start();
 * ...
 * phone.stop();
 * }</pre>
 */
public final class TelephonyChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelephonyChannel.class);

    private final TelephonyConfig config;
    private final IntakeGateway gateway;
    private final CustomerDirectory directory;
    private final SiteStatus siteStatus;
    private final Clock clock;
    private final BusinessCalendar office;
    private ScheduledExecutorService scheduler;
    private AgiListener agi;
    private AmiSession ami;
    private RegistrationMonitor monitor;
    private CallOuts callOuts;

    public TelephonyChannel(TelephonyConfig config, IntakeGateway gateway, CustomerDirectory directory,
                            SiteStatus siteStatus, Clock clock, BusinessCalendar office) {
        this.config = Objects.requireNonNull(config, "config");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.siteStatus = Objects.requireNonNull(siteStatus, "siteStatus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.office = Objects.requireNonNull(office, "office");
    }

    /** Starts what is configured; throws when the AGI port cannot be bound or the inventory is unusable. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        Inventory inventory = config.monitor().inventory() == null ? null : Inventory.load(config.monitor().inventory());
        AtomicInteger threads = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "intake-telephony-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            if (config.agi().enabled()) {
                agi = new AgiListener(config.agi().bind(), config.agi().port(), Map.of(
                        "ivr", new IvrScript(config.agi(), gateway, directory, office, clock),
                        "callout", new CallOutScript(config.agi().prompts())), config.agi().maxCalls());
                agi.start();
            }
            if (config.ami().enabled()) {
                TelephonyEvents events = new TelephonyEvents(clock);
                ami = new AmiSession(config.ami(), events, scheduler, clock);
                if (inventory != null) {
                    monitor = events.monitor(inventory, config.monitor().debounce(), gateway, siteStatus, this::callOut);
                    long every = config.monitor().evaluateEvery().toMillis();
                    scheduler.scheduleWithFixedDelay(() -> monitor.evaluate(clock.instant()), every, every, TimeUnit.MILLISECONDS);
                }
                if (config.callOut().enabled()) {
                    callOuts = new CallOuts(config.callOut(), ami, scheduler, gateway, clock);
                    events.callOuts(callOuts);
                }
                ami.start();
            }
            log.info("Telephony channel started (IVR {}, AMI {}, monitor {}, call-outs {})",
                    config.agi().enabled() ? config.agi().bind() + ":" + config.agi().port() : "off",
                    config.ami().enabled() ? config.ami().host() + ":" + config.ami().port() : "off",
                    inventory == null ? "off" : inventory.sites().size() + " sites",
                    config.callOut().enabled() ? "on" : "off");
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops everything; calls in progress finish on their own threads. */
    public synchronized void stop() {
        if (agi != null) {
            agi.stop();
            agi = null;
        }
        if (ami != null) {
            ami.stop();
            ami = null;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        monitor = null;
        callOuts = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** Calls on-call about a CRITICAL ticket, when call-outs are configured (for the core's escalation events too). */
    public void callOut(TicketNumber ticket) {
        CallOuts c = callOuts;
        if (c != null) {
            c.callOut(ticket);
        }
    }

    public synchronized TelephonyHealth health() {
        Map<String, String> incidents = new LinkedHashMap<>();
        if (monitor != null) {
            monitor.openIncidents().forEach((k, v) -> incidents.put(k, v.toString()));
        }
        AmiSession.Health h = ami == null ? null : ami.health();
        return new TelephonyHealth(agi != null && agi.running(), config.ami().enabled(), h != null && h.connected(),
                h == null ? "off" : h.state(), h == null ? null : h.lastError(), h == null ? null : h.since(), incidents);
    }
}
