package io.intake.telephony.internal;

import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asterisk-Java's {@link DefaultAgiServer} on its own thread, serving scripts by name ({@code agi://HOST:PORT/ivr}).
 * {@link #start()} returns once the port is bound, or throws when it cannot be.
 */
public final class AgiListener {

    private static final Logger log = LoggerFactory.getLogger(AgiListener.class);

    private final String bind;
    private final int port;
    private final Map<String, AgiScript> scripts;
    private final int maxCalls;
    private final CompletableFuture<Void> bound = new CompletableFuture<>();
    private volatile DefaultAgiServer server;
    private Thread thread;

    public AgiListener(String bind, int port, Map<String, AgiScript> scripts, int maxCalls) {
        this.bind = bind;
        this.port = port;
        this.scripts = Map.copyOf(scripts);
        this.maxCalls = maxCalls;
    }

    public void start() {
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(scripts);
        DefaultAgiServer s = new DefaultAgiServer(mapping) {
            @Override
            protected ServerSocketFacade createServerSocket() throws IOException {
                try {
                    ServerSocketFacade socket = super.createServerSocket();
                    bound.complete(null);
                    return socket;
                } catch (IOException | RuntimeException e) {
                    bound.completeExceptionally(e);
                    throw e;
                }
            }
        };
        try {
            s.setAddress(InetAddress.getByName(bind));
        } catch (IOException e) {
            throw new IllegalStateException("intake.telephony.agi.bind: cannot resolve '" + bind + "'", e);
        }
        s.setPort(port);
        s.setPoolSize(Math.min(10, maxCalls));
        s.setMaximumPoolSize(maxCalls);
        server = s;
        thread = new Thread(() -> {
            try {
                s.startup();
            } catch (IOException | RuntimeException e) {
                bound.completeExceptionally(e);
                if (server != null) {
                    log.error("FastAGI server on {}:{} stopped: {}", bind, port, e.getMessage(), e);
                }
            }
        }, "intake-agi-" + port);
        thread.setDaemon(true);
        thread.start();
        try {
            bound.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("intake.telephony.agi.port: cannot listen on " + bind + ":" + port + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("FastAGI server on " + bind + ":" + port + " did not start within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the FastAGI server", e);
        }
        log.info("FastAGI server listening on agi://{}:{}/ ({})", bind, port, String.join(", ", scripts.keySet()));
    }

    public void stop() {
        DefaultAgiServer s = server;
        server = null;
        if (s != null) {
            s.shutdown();
            log.info("FastAGI server on {}:{} stopped", bind, port);
        }
    }

    public boolean running() {
        return server != null && bound.isDone() && !bound.isCompletedExceptionally();
    }
}
