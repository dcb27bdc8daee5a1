package io.intake.chat.internal;

import io.intake.chat.ChatOutbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may subscribe and send where: visitors only to their own queue and the {@code /app/chat/} actions, agents only
 * to theirs, the chat queue and the {@code /app/agent/} actions. Anything else is dropped, and the client gets an
 * {@code error} message ({@code code":"forbidden"}) on its queue; the connection stays up.
 */
public final class ChatGuard implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ChatGuard.class);

    private final ObjectProvider<ChatOutbound> out;

    public ChatGuard(ObjectProvider<ChatOutbound> out) {
        this.out = out;
    }

    private static final Set<String> VISITOR_SUBSCRIPTIONS = Set.of("/user/queue/chat");
    private static final Set<String> AGENT_SUBSCRIPTIONS = Set.of("/user/queue/agent", "/topic/chat/queue");

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        StompCommand command = stomp.getCommand();
        if (command != StompCommand.SUBSCRIBE && command != StompCommand.SEND) {
            return message;
        }
        Map<String, Object> attributes = stomp.getSessionAttributes();
        Object role = attributes == null ? null : attributes.get(ChatHandshake.ROLE);
        String destination = stomp.getDestination() == null ? "" : stomp.getDestination();
        boolean allowed;
        if ("agent".equals(role)) {
            allowed = command == StompCommand.SUBSCRIBE ? AGENT_SUBSCRIPTIONS.contains(destination)
                    : destination.startsWith("/app/agent/");
        } else if ("visitor".equals(role)) {
            allowed = command == StompCommand.SUBSCRIBE ? VISITOR_SUBSCRIPTIONS.contains(destination)
                    : destination.startsWith("/app/chat/");
        } else {
            allowed = false;
        }
        if (!allowed) {
            String what = (command == StompCommand.SUBSCRIBE ? "subscribing to '" : "sending to '") + destination
                    + "' is not allowed for " + (role == null ? "this connection" : role + "s");
            log.info("Chat: refused {} ({})", what, stomp.getSessionId());
            Principal user = stomp.getUser();
            if (user != null) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("type", "error");
                error.put("code", "forbidden");
                error.put("message", what);
                if ("agent".equals(role)) {
                    out.getObject().toAgent(user.getName(), error);
                } else {
                    out.getObject().toVisitor(user.getName(), error);
                }
            }
            return null;
        }
        return message;
    }
}
