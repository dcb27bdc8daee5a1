package io.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.lang.reflect.Type;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One visitor connection to {@code /chat/ws}, written against {@code docs/chat-protocol.md} as a third-party client
 * would be: STOMP over a plain WebSocket, JSON bodies, replies on {@code /user/queue/chat}. A connection that breaks
 * (the gateway was killed) reports {@link #connected()} false; the caller then connects again and resumes.
 */
final class ChatVisitor implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StompSession session;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private volatile boolean broken;

    private ChatVisitor(StompSession session) {
        this.session = session;
    }

    static ChatVisitor connect(WebSocketStompClient stomp, int port) throws Exception {
        ChatVisitor[] self = new ChatVisitor[1];
        StompSession session = stomp.connectAsync(URI.create("ws://127.0.0.1:" + port + "/chat/ws"),
                new WebSocketHttpHeaders(), new StompHeaders(), new StompSessionHandlerAdapter() {
                    @Override
                    public void handleTransportError(StompSession s, Throwable exception) {
                        if (self[0] != null) {
                            self[0].broken = true;
                        }
                    }

                    @Override
                    public void handleException(StompSession s, StompCommand command, StompHeaders headers,
                                                byte[] payload, Throwable exception) {
                        if (self[0] != null) {
                            self[0].broken = true;
                        }
                    }
                }).get(10, TimeUnit.SECONDS);
        ChatVisitor visitor = new ChatVisitor(session);
        self[0] = visitor;
        session.subscribe("/user/queue/chat", new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                try {
                    visitor.received.add(JSON.readTree((byte[]) payload));
                } catch (java.io.IOException e) {
                    visitor.broken = true;
                }
            }
        });
        // SUBSCRIBE has no receipt here; a status round trip proves the subscription is in place.
        visitor.send("/app/chat/status", Map.of());
        visitor.await(m -> "status".equals(m.path("type").asText()), 10_000);
        return visitor;
    }

    static WebSocketStompClient stompClient() {
        WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
        stomp.setMessageConverter(new SimpleMessageConverter());
        return stomp;
    }

    void send(String destination, Object body) throws Exception {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, JSON.writeValueAsBytes(body));
    }

    /** The next message matching, skipping others; null when none came in time or the connection broke. */
    JsonNode await(Predicate<JsonNode> wanted, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            JsonNode m = received.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && wanted.test(m)) {
                return m;
            }
            if (m == null && !connected()) {
                return null;
            }
        }
        return null;
    }

    boolean connected() {
        return !broken && session.isConnected();
    }

    @Override
    public void close() {
        try {
            if (session.isConnected()) {
                session.disconnect();
            }
        } catch (RuntimeException e) {
            // the connection is gone already
        }
    }
}
