package io.intake.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real STOMP-over-WebSocket client for tests, as a third-party client would be written against
 * {@code docs/chat-protocol.md}: every JSON message received on its subscriptions is queued in order.
 */
public final class StompClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final StompSession session;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final BlockingQueue<String> errors = new LinkedBlockingQueue<>();

    private StompClient(StompSession session) {
        this.session = session;
    }

    /** A visitor on {@code /chat/ws}, subscribed to its queue. */
    public static StompClient visitor(int port) throws Exception {
        return visitor(port, null);
    }

    public static StompClient visitor(int port, String origin) throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        if (origin != null) {
            headers.setOrigin(origin);
        }
        StompClient c = connect(URI.create("ws://127.0.0.1:" + port + "/chat/ws"), headers);
        c.subscribe("/user/queue/chat");
        return c;
    }

    /** An agent on {@code /chat/agent/ws} signed in with HTTP Basic, subscribed to its queue and the chat queue. */
    public static StompClient agent(int port, String user, String password) throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.setBasicAuth(user, password);
        StompClient c = connect(URI.create("ws://127.0.0.1:" + port + "/chat/agent/ws"), headers);
        c.subscribe("/user/queue/agent");
        c.subscribe("/topic/chat/queue");
        return c;
    }

    static StompClient connect(URI uri, WebSocketHttpHeaders headers) throws Exception {
        WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
        stomp.setMessageConverter(new SimpleMessageConverter());
        StompClient[] self = new StompClient[1];
        StompSession session = stomp.connectAsync(uri, headers, new StompHeaders(), new StompSessionHandlerAdapter() {
            @Override
            public void handleException(StompSession s, org.springframework.messaging.simp.stomp.StompCommand command,
                                        StompHeaders h, byte[] payload, Throwable exception) {
                if (self[0] != null) {
                    self[0].errors.add(String.valueOf(exception));
                }
            }

            @Override
            public void handleFrame(StompHeaders h, Object payload) {
                if (self[0] != null) {
                    self[0].errors.add(h.getFirst("message") + " " + (payload instanceof byte[] b
                            ? new String(b, StandardCharsets.UTF_8) : ""));
                }
            }

            @Override
            public void handleTransportError(StompSession s, Throwable exception) {
                if (self[0] != null) {
                    self[0].errors.add("transport: " + exception);
                }
            }
        }).get(10, TimeUnit.SECONDS);
        self[0] = new StompClient(session);
        return self[0];
    }

    public void subscribe(String destination) throws InterruptedException {
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                try {
                    received.add(JSON.readTree((byte[]) payload));
                } catch (java.io.IOException e) {
                    errors.add("not JSON: " + new String((byte[]) payload, StandardCharsets.UTF_8));
                }
            }
        });
        Thread.sleep(50);   // SUBSCRIBE has no reply; let the broker register it before the first SEND
    }

    /** Sends a JSON body (written as given) to {@code /app/...}. */
    public void send(String destination, String json) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    public void send(String destination, Object body) {
        try {
            send(destination, JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The next message of this type (earlier ones of other types stay available through {@link #seen()}). */
    public JsonNode await(String type) throws InterruptedException {
        return await(m -> type.equals(m.path("type").asText()), "a '" + type + "' message");
    }

    public JsonNode await(Predicate<JsonNode> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        synchronized (seen) {
            for (JsonNode m : seen) {
                if (wanted.test(m)) {
                    seen.remove(m);
                    return m;
                }
            }
        }
        while (System.nanoTime() < deadline) {
            JsonNode m = received.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            if (wanted.test(m)) {
                return m;
            }
            synchronized (seen) {
                seen.add(m);
            }
        }
        throw new AssertionError("no " + what + " within 15 s; received " + seen() + "; errors " + errors);
    }

    /** Messages received and not yet taken by {@link #await}. */
    public List<JsonNode> seen() {
        received.drainTo(seen);
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public boolean connected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
    }
}
