package io.intake.chat.internal;

import io.intake.chat.ChatChannelProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP over WebSocket: {@code /chat/ws} for visitors (origin-checked, each connection its own anonymous principal),
 * {@code /chat/agent/ws} for signed-in agents. Each connection's frames are handled in order and one at a time, so a
 * flooding client holds at most one worker; frames, send buffers and send times are bounded, so a slow or hostile
 * client is disconnected instead of slowing the others.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class ChatStompConfig implements WebSocketMessageBrokerConfigurer {

    public static final String VISITOR_ENDPOINT = "/chat/ws";
    public static final String AGENT_ENDPOINT = "/chat/agent/ws";

    private final ChatChannelProperties settings;
    private final ChatGuard guard;

    public ChatStompConfig(ChatChannelProperties settings, ChatGuard guard) {
        this.settings = settings;
        this.guard = guard;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        String[] origins = settings.allowedOrigins().toArray(String[]::new);
        registry.addEndpoint(VISITOR_ENDPOINT)
                .setHandshakeHandler(new ChatHandshake.VisitorPrincipal())
                .addInterceptors(new ChatHandshake.Visitor())
                .setAllowedOriginPatterns(origins);
        // Agents sign in with a cookie: only the gateway's own pages may open their socket, whatever visitors may use.
        registry.addEndpoint(AGENT_ENDPOINT)
                .addInterceptors(new ChatHandshake.Agent(settings.agentRole()));
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
        heartbeats.setPoolSize(1);
        heartbeats.setThreadNamePrefix("intake-chat-heartbeat-");
        heartbeats.setDaemon(true);
        heartbeats.initialize();
        registry.enableSimpleBroker("/queue", "/topic")
                .setHeartbeatValue(new long[] {10_000, 10_000})
                .setTaskScheduler(heartbeats);
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(settings.maxFrameBytes())
                .setSendBufferSizeLimit(512 * 1024)
                .setSendTimeLimit(15_000)
                .setTimeToFirstMessage(30_000);
    }
}
