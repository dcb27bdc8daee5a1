package io.intake.telephony.internal;

import io.intake.telephony.TelephonyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one logged-in manager connection: connects, logs in, tells the listener, and after a lost connection or a
 * refused login tries again after a wait that doubles from {@code reconnect-initial} up to {@code reconnect-max}.
 */
public final class AmiSession {

    private static final Logger log = LoggerFactory.getLogger(AmiSession.class);

    /** What the session reports to its user. Called on the session's threads. */
    public interface Listener {
        /** Logged in; a good moment to ask for the current state. Runs on the scheduler thread. */
        void connected(AmiSession session);

        /** An unsolicited event. Runs on the reader thread. */
        void event(AmiMessage event);

        /** The connection is gone; a reconnect is scheduled. */
        void disconnected();
    }

    /** The connection's state for the health endpoint. */
    public record Health(boolean connected, String state, String lastError, Instant since) {
    }

    private final TelephonyConfig.Ami config;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private volatile AmiClient client;
    private volatile boolean stopped = true;
    private volatile Health health;
    private Duration backoff;
    private String lastLoggedError;

    public AmiSession(TelephonyConfig.Ami config, Listener listener, ScheduledExecutorService scheduler, Clock clock) {
        this.config = config;
        this.listener = listener;
        this.scheduler = scheduler;
        this.clock = clock;
        this.backoff = config.reconnectInitial();
        this.health = new Health(false, "stopped", null, clock.instant());
    }

    public void start() {
        stopped = false;
        health = new Health(false, "connecting", null, clock.instant());
        scheduler.execute(this::attempt);
    }

    public void stop() {
        stopped = true;
        AmiClient c = client;
        client = null;
        if (c != null) {
            try {
                c.send(Map.of("Action", "Logoff"));
            } catch (IOException e) {
                log.debug("AMI logoff: {}", e.getMessage());
            }
            c.close();
        }
        health = new Health(false, "stopped", null, clock.instant());
    }

    public Health health() {
        return health;
    }

    /** Sends an action on the current connection. */
    public AmiMessage send(Map<String, String> action) throws IOException {
        return current().send(action);
    }

    /** Sends an action; the future completes with the response. */
    public CompletableFuture<AmiMessage> sendAsync(Map<String, String> action) throws IOException {
        return current().sendAsync(action);
    }

    /** Sends a list action and answers its items. */
    public java.util.List<AmiMessage> sendList(Map<String, String> action) throws IOException {
        return current().sendList(action);
    }

    private AmiClient current() throws IOException {
        AmiClient c = client;
        if (c == null || !c.isOpen()) {
            throw new IOException("not connected to the manager interface at " + config.host() + ":" + config.port());
        }
        return c;
    }

    private synchronized void attempt() {
        if (stopped) {
            return;
        }
        AmiClient c = null;
        try {
            c = AmiClient.connect(config.host(), config.port(), config.actionTimeout());
            AmiClient started = c;
            c.start(this::onEvent, () -> onClosed(started), "intake-ami-reader");
            c.login(config.username(), config.password());
            client = c;
            backoff = config.reconnectInitial();
            lastLoggedError = null;
            if (!c.isOpen()) {
                onClosed(c);
                return;
            }
            health = new Health(true, "connected", null, clock.instant());
            log.info("AMI connected to {}:{} as {}", config.host(), config.port(), config.username());
            listener.connected(this);
        } catch (IOException e) {
            if (c != null) {
                c.close();
            }
            failed(e);
        }
    }

    private void onEvent(AmiMessage event) {
        if ("Shutdown".equalsIgnoreCase(event.event())) {
            log.warn("Asterisk is shutting down ({}); will reconnect", event.get("Shutdown"));
        }
        listener.event(event);
    }

    private synchronized void onClosed(AmiClient closed) {
        if (client != closed) {
            return;
        }
        client = null;
        if (stopped) {
            return;
        }
        log.warn("AMI connection to {}:{} lost; reconnecting in {}", config.host(), config.port(), backoff);
        health = new Health(false, "reconnecting", "connection lost", clock.instant());
        listener.disconnected();
        schedule();
    }

    private void failed(IOException e) {
        boolean login = e instanceof AmiLoginFailed;
        String message = e.getMessage();
        health = new Health(false, login ? "login-failed" : "reconnecting", message, clock.instant());
        if (login && !message.equals(lastLoggedError)) {
            log.error("{} (check intake.telephony.ami.username and intake.telephony.ami.password); retrying in {}",
                    message, backoff);
        } else {
            log.warn("AMI {}:{} not available: {}; retrying in {}", config.host(), config.port(), message, backoff);
        }
        lastLoggedError = message;
        schedule();
    }

    private void schedule() {
        if (stopped) {
            return;
        }
        Duration wait = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(config.reconnectMax()) > 0 ? config.reconnectMax() : doubled;
        scheduler.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
