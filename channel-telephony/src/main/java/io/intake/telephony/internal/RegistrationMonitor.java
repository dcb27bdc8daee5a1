package io.intake.telephony.internal;

import io.intake.core.IntakeException;
import io.intake.core.site.PhoneRegistration;
import io.intake.core.site.SiteRegistrations;
import io.intake.core.site.SiteState;
import io.intake.core.site.SiteStatus;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Registration state by endpoint and site, and the incidents it raises. Raw state changes with every event and is
 * published to {@link SiteStatus} at once; a phone's <em>debounced</em> state follows only after the raw state has held
 * for the debounce time, so flaps raise nothing. From debounced state, per evaluation: some phones of a monitored
 * site offline opens one DEGRADED incident for the site, all of them CRITICAL (a DEGRADED incident is escalated);
 * every phone at two or more sites opens one CRITICAL incident naming the sites, which covers them (no per-site tickets
 * while it is open). A site outside its monitoring window raises nothing. When the phones are back, the incident's
 * ticket gets a recovery update. Thread-safe.
 */
public final class RegistrationMonitor {

    private static final Logger log = LoggerFactory.getLogger(RegistrationMonitor.class);
    private static final String MULTI = " multi";

    private final Inventory inventory;
    private final Map<String, Inventory.Site> siteOf;
    private final Duration debounce;
    private final OutageTickets tickets;
    private final SiteStatus status;
    private final Consumer<TicketNumber> onCritical;
    private final Map<String, Phone> phones = new LinkedHashMap<>();
    private final Map<String, Incident> open = new HashMap<>();
    private boolean learned;

    public RegistrationMonitor(Inventory inventory, Duration debounce, OutageTickets tickets, SiteStatus status,
                               Consumer<TicketNumber> onCritical, Instant now) {
        this.inventory = inventory;
        this.siteOf = inventory.byEndpoint();
        this.debounce = debounce;
        this.tickets = tickets;
        this.status = status;
        this.onCritical = onCritical;
        siteOf.keySet().forEach(e -> phones.put(e, new Phone(now)));
        inventory.sites().forEach(s -> publish(s, now));
    }

    /** One registration change. */
    public synchronized void accept(RegistrationEvent event) {
        Phone phone = phones.get(event.endpoint());
        if (phone == null) {
            log.debug("Registration of {} ignored: not in the inventory", event.endpoint());
            return;
        }
        if (phone.raw != event.online()) {
            phone.raw = event.online();
            phone.rawSince = event.at();
            log.debug("Endpoint {} {} ({})", event.endpoint(), event.online() ? "online" : "offline", event.source());
        }
        publish(siteOf.get(event.endpoint()), event.at());
    }

    /** The full current state (PJSIPShowContacts): an inventory endpoint without a contact is offline. */
    public synchronized void snapshot(List<RegistrationEvent> contacts, Instant at) {
        Map<String, Boolean> online = new HashMap<>();
        contacts.forEach(c -> online.merge(c.endpoint(), c.online(), Boolean::logicalOr));
        phones.forEach((endpoint, phone) -> {
            boolean now = online.getOrDefault(endpoint, false);
            if (phone.raw != now) {
                phone.raw = now;
                phone.rawSince = at;
            }
        });
        learned = true;
        inventory.sites().forEach(s -> publish(s, at));
        log.info("Registration state learned: {} of {} endpoints online", phones.values().stream().filter(p -> p.raw).count(),
                phones.size());
    }

    /** Applies the debounce and opens, escalates or recovers incidents. Called periodically. */
    public synchronized void evaluate(Instant now) {
        for (Phone phone : phones.values()) {
            if (phone.effective != phone.raw && !now.isBefore(phone.rawSince.plus(debounce))) {
                phone.effective = phone.raw;
                phone.effectiveSince = phone.rawSince;
            }
        }
        try {
            decide(now);
        } catch (IntakeException e) {
            log.warn("Monitor could not record an incident, will retry: {}", e.getMessage(), e);
        }
        inventory.sites().forEach(s -> publish(s, now));
    }

    /** Open incidents, for tests and the health endpoint: key (site id or the sites of a multi-site one) to ticket. */
    public synchronized Map<String, TicketNumber> openIncidents() {
        Map<String, TicketNumber> map = new LinkedHashMap<>();
        open.forEach((k, v) -> map.put(k.equals(MULTI) ? String.join("+", v.sites) : k, v.ticket));
        return map;
    }

    private void decide(Instant now) {
        List<Inventory.Site> down = new ArrayList<>();
        for (Inventory.Site site : inventory.sites()) {
            if (site.monitoredAt(now) && effectiveState(site) == SiteState.DOWN) {
                down.add(site);
            }
        }
        Incident multi = open.get(MULTI);
        if (multi == null && down.size() >= 2) {
            TreeSet<String> ids = new TreeSet<>();
            down.forEach(s -> ids.add(s.id()));
            Instant first = firstOffline(down);
            String ref = "monitor:multi:" + String.join("+", ids) + ":" + first;
            tickets.open(ref, Severity.CRITICAL, null, ids, "Every phone offline at " + ids.size() + " sites: "
                    + String.join(", ", ids), describe(down, now), now).ifPresent(t -> {
                open.put(MULTI, new Incident(ref, t, Severity.CRITICAL, ids));
                onCritical.accept(t);
            });
        } else if (multi != null) {
            for (Inventory.Site site : down) {
                if (multi.sites.add(site.id())) {
                    tickets.append(multi.ref, multi.ref + ":also:" + site.id(), "Every phone at site " + site.id()
                            + " is offline too.\n" + describe(List.of(site), now), now);
                }
            }
            if (down.stream().noneMatch(s -> multi.sites.contains(s.id()))) {
                tickets.recover(multi.ref, "No site of this incident has every phone offline any more ("
                        + String.join(", ", multi.sites) + ").", now);
                open.remove(MULTI);
                log.info("Multi-site incident {} recovered", multi.ticket);
            }
        }
        Incident covering = open.get(MULTI);
        for (Inventory.Site site : inventory.sites()) {
            if (covering != null && covering.sites.contains(site.id())) {
                continue;
            }
            decideSite(site, now);
        }
    }

    private void decideSite(Inventory.Site site, Instant now) {
        SiteState state = effectiveState(site);
        Incident incident = open.get(site.id());
        if (state == SiteState.ONLINE) {
            if (incident != null) {
                tickets.recover(incident.ref, "All " + site.endpoints().size() + " phones at site " + site.id()
                        + " are registered again.", now);
                open.remove(site.id());
                log.info("Site {} recovered; ticket {}", site.id(), incident.ticket);
            }
            return;
        }
        if (!site.monitoredAt(now) || state == SiteState.UNKNOWN) {
            return;
        }
        Severity severity = state == SiteState.DOWN ? Severity.CRITICAL : Severity.DEGRADED;
        if (incident == null) {
            String ref = "monitor:" + site.id() + ":" + firstOffline(List.of(site));
            String subject = state == SiteState.DOWN ? "Every phone offline at site " + site.id()
                    : "Some phones offline at site " + site.id();
            tickets.open(ref, severity, site, List.of(site.id()), subject, describe(List.of(site), now), now)
                    .ifPresent(t -> {
                        open.put(site.id(), new Incident(ref, t, severity, new TreeSet<>(List.of(site.id()))));
                        if (severity == Severity.CRITICAL) {
                            onCritical.accept(t);
                        }
                    });
        } else if (severity.isMoreSevereThan(incident.severity)) {
            tickets.escalate(incident.ticket, severity, "every phone at site " + site.id() + " is offline", now);
            open.put(site.id(), new Incident(incident.ref, incident.ticket, severity, incident.sites));
            onCritical.accept(incident.ticket);
        }
    }

    private SiteState effectiveState(Inventory.Site site) {
        return state(site, true);
    }

    private SiteState state(Inventory.Site site, boolean effective) {
        if (!learned) {
            return SiteState.UNKNOWN;
        }
        int offline = 0;
        for (String e : site.endpoints()) {
            Phone p = phones.get(e);
            if (!(effective ? p.effective : p.raw)) {
                offline++;
            }
        }
        return offline == 0 ? SiteState.ONLINE : offline == site.endpoints().size() ? SiteState.DOWN : SiteState.DEGRADED;
    }

    private Instant firstOffline(Collection<Inventory.Site> sites) {
        Instant first = null;
        for (Inventory.Site site : sites) {
            for (String e : site.endpoints()) {
                Phone p = phones.get(e);
                if (!p.effective && (first == null || p.effectiveSince.isBefore(first))) {
                    first = p.effectiveSince;
                }
            }
        }
        return first;
    }

    private String describe(List<Inventory.Site> sites, Instant now) {
        StringBuilder text = new StringBuilder();
        for (Inventory.Site site : sites) {
            text.append("Site ").append(site.id()).append(site.name() == null ? "" : " (" + site.name() + ")")
                    .append(site.account() == null ? "" : ", account " + site.account()).append(":\n");
            for (String e : site.endpoints()) {
                Phone p = phones.get(e);
                text.append("  ").append(e).append(": ").append(p.effective ? "online" : "offline since " + p.effectiveSince)
                        .append('\n');
            }
        }
        text.append("Debounce ").append(debounce.toSeconds()).append(" s; evaluated at ").append(now).append('.');
        return text.toString();
    }

    private void publish(Inventory.Site site, Instant now) {
        List<PhoneRegistration> list = new ArrayList<>(site.endpoints().size());
        for (String e : site.endpoints()) {
            Phone p = phones.get(e);
            list.add(new PhoneRegistration(e, p.raw, learned ? p.rawSince : null));
        }
        Incident incident = open.get(site.id());
        Incident multi = open.get(MULTI);
        if (incident == null && multi != null && multi.sites.contains(site.id())) {
            incident = multi;
        }
        status.publish(new SiteRegistrations(site.id(), site.name(), site.account(), state(site, false),
                site.monitoredAt(now), list, incident == null ? null : incident.ticket.toString(), now));
    }

    private static final class Phone {
        boolean raw = true;
        Instant rawSince;
        boolean effective = true;
        Instant effectiveSince;

        Phone(Instant now) {
            rawSince = now;
            effectiveSince = now;
        }
    }

    private record Incident(String ref, TicketNumber ticket, Severity severity, TreeSet<String> sites) {
    }
}
