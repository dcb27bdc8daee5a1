package io.intake.chat.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.chat.ChatOutbound;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.MimeTypeUtils;

import java.util.Map;

/** The chat service's pushes, as JSON STOMP messages through the broker. */
public final class ChatMessaging implements ChatOutbound {

    static final ObjectMapper JSON = new ObjectMapper();

    private final SimpMessagingTemplate template;
    private final SimpUserRegistry users;

    public ChatMessaging(MessageChannel brokerChannel, SimpUserRegistry users) {
        this.template = new SimpMessagingTemplate(brokerChannel);
        this.template.setMessageConverter(new JsonConverter());
        this.users = users;
    }

    @Override
    public void toVisitor(String connection, Map<String, Object> message) {
        template.convertAndSendToUser(connection, "/queue/chat", message);
    }

    @Override
    public void toAgent(String agent, Map<String, Object> message) {
        template.convertAndSendToUser(agent, "/queue/agent", message);
    }

    @Override
    public void toQueue(Map<String, Object> message) {
        template.convertAndSend("/topic/chat/queue", (Object) message);
    }

    @Override
    public boolean agentConnected(String agent) {
        return users.getUser(agent) != null;
    }

    /** Writes a payload as JSON bytes with {@code content-type: application/json}. */
    private static final class JsonConverter implements MessageConverter {
        @Override
        public Object fromMessage(Message<?> message, Class<?> targetClass) {
            return null;
        }

        @Override
        public Message<?> toMessage(Object payload, MessageHeaders headers) {
            byte[] bytes;
            try {
                bytes = JSON.writeValueAsBytes(payload);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not writable as JSON: " + e.getMessage(), e);
            }
            MessageHeaderAccessor accessor = headers == null ? null
                    : MessageHeaderAccessor.getAccessor(headers, MessageHeaderAccessor.class);
            if (accessor != null && accessor.isMutable()) {
                accessor.setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON);
                return MessageBuilder.createMessage(bytes, accessor.getMessageHeaders());
            }
            MessageBuilder<byte[]> builder = MessageBuilder.withPayload(bytes);
            if (headers != null) {
                builder.copyHeaders(headers);
            }
            return builder.setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON).build();
        }
    }
}
