package io.intake.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.intake.core.outbox.Outbox;
import io.intake.core.outbox.OutboxEntry;
import io.intake.web.SiteRegistrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the live monitor: one snapshot per interval (or at once after a web submission) is built and sent to every
 * open portal as a server-sent event, so the database is read once per interval however many staff watch. Nothing is
 * read while nobody watches.
 */
final class PortalFeed implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PortalFeed.class);
    private static final long EMITTER_TIMEOUT_MS = Duration.ofMinutes(30).toMillis();

    private final TicketQuery query;
    private final Outbox outbox;
    private final ObjectProvider<SiteRegistrations> sites;
    private final Clock clock;
    private final int recent;
    private final Duration interval;
    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;

    PortalFeed(TicketQuery query, Outbox outbox, ObjectProvider<SiteRegistrations> sites, Clock clock, int recent,
               Duration interval) {
        this.query = query;
        this.outbox = outbox;
        this.sites = sites;
        this.clock = clock;
        this.recent = recent;
        this.interval = interval;
    }

    PortalSnapshot snapshot() {
        Instant now = clock.instant();
        List<OutboxEntry> parked = outbox.parked(20);
        SiteRegistrations registrations = sites.getIfAvailable();
        List<SiteRegistrations.Site> siteList = null;
        if (registrations != null) {
            try {
                siteList = List.copyOf(registrations.sites());
            } catch (RuntimeException e) {
                LOG.warn("the site registration source failed; the portal shows none: {}", e.getMessage());
                siteList = List.of();
            }
        }
        return new PortalSnapshot(now, query.find(null, null, null, recent),
                query.countsSince(now.minus(Duration.ofHours(1))), query.countsSince(now.minus(Duration.ofMinutes(15))),
                outbox.count(OutboxEntry.State.PENDING), outbox.count(OutboxEntry.State.PARKED), parked, siteList);
    }

    /** A new subscriber: it gets the current snapshot at once, then every broadcast. */
    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        try {
            emitter.send(SseEmitter.event().name("snapshot").reconnectTime(3000).data(json(snapshot())));
            emitters.add(emitter);
        } catch (IOException | RuntimeException e) {
            emitter.completeWithError(e);
        }
        return emitter;
    }

    /** Something changed (a web submission, a replay): send a fresh snapshot now rather than at the next tick. */
    void nudge() {
        ScheduledExecutorService s = scheduler;
        if (s != null && !emitters.isEmpty()) {
            s.execute(this::broadcast);
        }
    }

    private void broadcast() {
        if (emitters.isEmpty()) {
            return;
        }
        String data;
        try {
            data = json(snapshot());
        } catch (RuntimeException e) {
            LOG.warn("cannot build the portal snapshot: {}", e.getMessage());
            return;
        }
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name("snapshot").data(data));
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
                emitter.completeWithError(e);
            }
        }
    }

    private static String json(PortalSnapshot snapshot) {
        try {
            return ApiAnswer.JSON.writeValueAsString(snapshot.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the portal snapshot", e);
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "intake-web-portal");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::broadcast, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("live monitor feed started (every {} ms)", interval.toMillis());
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        for (SseEmitter emitter : emitters) {
            emitter.complete();
        }
        emitters.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
