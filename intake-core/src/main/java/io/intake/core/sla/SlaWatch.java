package io.intake.core.sla;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;
import io.intake.core.ticket.TicketNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Watches open tickets and reports, tick by tick, when each crosses a warning fraction of a deadline (default 75% and
 * 90%) and when it breaches it (100%). Every (ticket, deadline kind, fraction) is reported exactly once. For
 * business-time terms the fraction is of business time. Thread-safe; driven by whoever calls {@link #poll}.
 * <p>
 * A stamp with an acknowledgement limit is watched on its {@link DeadlineKind#TARGET} and {@link DeadlineKind#ACK}
 * (its response due is the same instant and is not reported twice); any other stamp on {@link DeadlineKind#RESPONSE}.
 */
public final class SlaWatch {

    private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);

    /** Warning fractions used when none are given. */
    public static final List<Double> DEFAULT_FRACTIONS = List.of(0.75, 0.90);

    private static final Comparator<Pending> ORDER = Comparator.comparing((Pending p) -> p.warning.at())
            .thenComparing(p -> p.warning.ticket())
            .thenComparing(p -> p.warning.kind())
            .thenComparingDouble(p -> p.warning.fraction());

    private final AgreementSlaPolicy policy;
    private final List<Double> fractions;
    private final Clock clock;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(ORDER);
    private final Map<TicketNumber, Registration> registrations = new HashMap<>();

    /** One registration of a ticket; warnings of an older registration (or a forgotten ticket) are skipped. */
    private static final class Registration {
        int pending;
    }

    private record Pending(SlaWarning warning, Registration registration) {
    }

    /**
     * @param policy    computes business-time fractions for business-time terms
     * @param fractions warning fractions, each more than 0 and less than 1 (the breach at 1.0 is always reported)
     * @param clock     the time source for {@link #poll()}
     */
    public SlaWatch(AgreementSlaPolicy policy, List<Double> fractions, Clock clock) {
        if (policy == null || clock == null) {
            throw new InvalidFieldException("sla.watch", "policy and clock are required");
        }
        if (fractions == null) {
            throw new InvalidFieldException("intake.sla.warning-fractions", "is required, e.g. 0.75, 0.90");
        }
        TreeSet<Double> sorted = new TreeSet<>();
        for (Double f : fractions) {
            if (f == null || !(f > 0 && f < 1)) {
                throw new InvalidFieldException("intake.sla.warning-fractions", f + " is not allowed; each fraction must be"
                        + " more than 0 and less than 1 (the breach at 1.0 is always reported)");
            }
            sorted.add(f);
        }
        sorted.add(1.0);
        this.policy = policy;
        this.fractions = List.copyOf(sorted);
        this.clock = clock;
    }

    /** A watch with {@link #DEFAULT_FRACTIONS}. */
    public SlaWatch(AgreementSlaPolicy policy, Clock clock) {
        this(policy, DEFAULT_FRACTIONS, clock);
    }

    /** Starts watching a ticket, or restarts it with a new stamp (a re-classified ticket); earlier pending warnings are dropped. */
    public synchronized void register(TicketNumber ticket, Severity severity, SlaStamp stamp) {
        if (ticket == null || severity == null || stamp == null) {
            throw new InvalidFieldException("sla.watch", "ticket, severity and stamp are required");
        }
        Registration registration = new Registration();
        registrations.put(ticket, registration);
        if (stamp.ackDeadline() != null) {
            if (stamp.responseTarget() != null) {
                schedule(ticket, severity, stamp, DeadlineKind.TARGET, stamp.responseTarget(), registration);
            }
            schedule(ticket, severity, stamp, DeadlineKind.ACK, stamp.ackDeadline(), registration);
        } else {
            schedule(ticket, severity, stamp, DeadlineKind.RESPONSE, stamp.responseDue(), registration);
        }
    }

    private void schedule(TicketNumber ticket, Severity severity, SlaStamp stamp, DeadlineKind kind, Instant deadline,
                          Registration registration) {
        for (double f : fractions) {
            Instant at = f >= 1.0 ? deadline : policy.fractionReached(severity, stamp.receivedAt(), deadline, f);
            queue.add(new Pending(new SlaWarning(ticket, severity, kind, f, deadline, at), registration));
            registration.pending++;
        }
    }

    /** The ticket was answered: stop watching it. Returns false when it was not watched. */
    public synchronized boolean answered(TicketNumber ticket) {
        return registrations.remove(ticket) != null;
    }

    /** The ticket was closed: stop watching it. Returns false when it was not watched. */
    public synchronized boolean closed(TicketNumber ticket) {
        return registrations.remove(ticket) != null;
    }

    /** The number of tickets being watched. */
    public synchronized int watching() {
        return registrations.size();
    }

    /** {@link #poll(Instant)} at the clock's current instant. */
    public List<SlaWarning> poll() {
        return poll(clock.instant());
    }

    /**
     * Every warning crossed at or before {@code now} that was not returned before, in the order they were crossed.
     * A ticket that breached all its deadlines is forgotten after its last warning.
     */
    public synchronized List<SlaWarning> poll(Instant now) {
        List<SlaWarning> due = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().warning.at().isAfter(now)) {
            Pending p = queue.poll();
            if (registrations.get(p.warning.ticket()) != p.registration) {
                continue;
            }
            due.add(p.warning);
            log.debug("SLA {} {} {} {}% at {} (deadline {})", p.warning.ticket(), p.warning.severity(), p.warning.kind(),
                    Math.round(p.warning.fraction() * 100), p.warning.at(), p.warning.deadline());
            if (--p.registration.pending == 0) {
                registrations.remove(p.warning.ticket());
            }
        }
        return due;
    }
}
