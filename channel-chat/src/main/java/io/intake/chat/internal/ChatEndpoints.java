package io.intake.chat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.intake.chat.ChatOutbound;
import io.intake.chat.ChatService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The STOMP actions of {@code docs/chat-protocol.md}, handed to {@link ChatService}. */
@Controller
public class ChatEndpoints {

    private static final Logger log = LoggerFactory.getLogger(ChatEndpoints.class);

    private final ChatService chat;
    private final ChatOutbound out;

    public ChatEndpoints(ChatService chat, ChatOutbound out) {
        this.chat = chat;
        this.out = out;
    }

    @MessageMapping("/chat/status")
    public void status(SimpMessageHeaderAccessor headers) {
        chat.status(visitor(headers));
    }

    @MessageMapping("/chat/start")
    public void start(Message<byte[]> message, SimpMessageHeaderAccessor headers) {
        withBody(message, headers, body -> chat.start(visitor(headers), body));
    }

    @MessageMapping("/chat/message")
    public void message(Message<byte[]> message, SimpMessageHeaderAccessor headers) {
        withBody(message, headers, body -> chat.message(visitor(headers), body));
    }

    @MessageMapping("/chat/typing")
    public void typing(Message<byte[]> message, SimpMessageHeaderAccessor headers) {
        withBody(message, headers, body -> chat.typing(visitor(headers), body));
    }

    @MessageMapping("/chat/resume")
    public void resume(Message<byte[]> message, SimpMessageHeaderAccessor headers) {
        withBody(message, headers, body -> chat.resume(visitor(headers), body));
    }

    @MessageMapping("/chat/leave-message")
    public void leaveMessage(Message<byte[]> message, SimpMessageHeaderAccessor headers) {
        withBody(message, headers, body -> chat.leaveMessage(visitor(headers), body));
    }

    @MessageMapping("/chat/end")
    public void end(SimpMessageHeaderAccessor headers) {
        chat.end(visitor(headers));
    }

    @MessageMapping("/agent/queue")
    public void queue(SimpMessageHeaderAccessor headers) {
        chat.queue(agent(headers));
    }

    @MessageMapping("/agent/claim")
    public void claim(Message<byte[]> message, SimpMessageHeaderAccessor headers) {
        withBody(message, headers, body -> chat.claim(agent(headers), body));
    }

    @MessageMapping("/agent/message")
    public void agentMessage(Message<byte[]> message, SimpMessageHeaderAccessor headers) {
        withBody(message, headers, body -> chat.agentMessage(agent(headers), body));
    }

    @MessageMapping("/agent/typing")
    public void agentTyping(Message<byte[]> message, SimpMessageHeaderAccessor headers) {
        withBody(message, headers, body -> chat.agentTyping(agent(headers), body));
    }

    @MessageMapping("/agent/end")
    public void agentEnd(Message<byte[]> message, SimpMessageHeaderAccessor headers) {
        withBody(message, headers, body -> chat.agentEnd(agent(headers), body));
    }

    /** A failure inside the service (the database gone) answers the sender instead of vanishing into a log. */
    @MessageExceptionHandler
    public void failed(Exception e, SimpMessageHeaderAccessor headers) {
        log.warn("Chat action {} failed: {}", headers.getDestination(), e.getMessage(), e);
        String user = headers.getUser() == null ? null : headers.getUser().getName();
        if (user == null) {
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("code", "unavailable");
        error.put("message", "The chat service could not do that just now; try again.");
        if ("agent".equals(role(headers))) {
            out.toAgent(user, error);
        } else {
            out.toVisitor(user, error);
        }
    }

    @EventListener
    public void connected(SessionConnectedEvent event) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(event.getMessage());
        Principal user = event.getUser();
        Map<String, Object> attributes = connectAttributes(headers);
        if (user != null && attributes != null && "agent".equals(attributes.get(ChatHandshake.ROLE))) {
            chat.agentConnected(headers.getSessionId(), user.getName());
        }
    }

    @EventListener
    public void disconnected(SessionDisconnectEvent event) {
        chat.agentDisconnected(event.getSessionId());
    }

    /** The CONNECTED event carries the CONNECT message, whose headers hold the session attributes. */
    private static Map<String, Object> connectAttributes(SimpMessageHeaderAccessor headers) {
        if (headers.getSessionAttributes() != null) {
            return headers.getSessionAttributes();
        }
        Object connect = headers.getHeader(SimpMessageHeaderAccessor.CONNECT_MESSAGE_HEADER);
        return connect instanceof Message<?> m ? SimpMessageHeaderAccessor.getSessionAttributes(m.getHeaders()) : null;
    }

    private interface BodyAction {
        void run(JsonNode body);
    }

    private void withBody(Message<byte[]> message, SimpMessageHeaderAccessor headers, BodyAction action) {
        JsonNode body;
        try {
            byte[] bytes = message.getPayload();
            body = bytes.length == 0 ? JsonNodeFactory.instance.objectNode() : ChatMessaging.JSON.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", "error");
            error.put("code", "invalid");
            error.put("message", "the body must be one JSON object");
            String user = headers.getUser() == null ? null : headers.getUser().getName();
            if (user != null) {
                if ("agent".equals(role(headers))) {
                    out.toAgent(user, error);
                } else {
                    out.toVisitor(user, error);
                }
            }
            return;
        }
        action.run(body);
    }

    private static Object role(SimpMessageHeaderAccessor headers) {
        return headers.getSessionAttributes() == null ? null : headers.getSessionAttributes().get(ChatHandshake.ROLE);
    }

    private static String agent(SimpMessageHeaderAccessor headers) {
        return headers.getUser().getName();
    }

    private static ChatService.Visitor visitor(SimpMessageHeaderAccessor headers) {
        Map<String, Object> attributes = headers.getSessionAttributes();
        String connection = headers.getUser() == null ? headers.getSessionId() : headers.getUser().getName();
        return new ChatService.Visitor() {
            @Override
            public String connection() {
                return connection;
            }

            @Override
            public String address() {
                Object address = attributes == null ? null : attributes.get(ChatHandshake.ADDRESS);
                return address == null ? "unknown" : address.toString();
            }

            @Override
            public String chatId() {
                Object id = attributes == null ? null : attributes.get(ChatHandshake.CHAT);
                return id == null ? null : id.toString();
            }

            @Override
            public void bind(String chatId) {
                if (attributes != null) {
                    attributes.put(ChatHandshake.CHAT, chatId);
                }
            }
        };
    }
}
