package io.intake.chat;

import io.intake.chat.internal.ChatEndpoints;
import io.intake.chat.internal.ChatGuard;
import io.intake.chat.internal.ChatMessaging;
import io.intake.chat.internal.ChatPages;
import io.intake.chat.internal.ChatSecurityBeans;
import io.intake.chat.internal.ChatStompConfig;
import io.intake.chat.internal.ChatStore;
import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.sla.BusinessCalendars;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import java.time.Clock;
import java.util.List;

/**
 * Adds the chat channel to a Spring Boot servlet application that has the intake core: STOMP endpoints
 * {@code /chat/ws} (visitors) and {@code /chat/agent/ws} (agents), the widget {@code /chat/widget.js}, the demo page
 * {@code /chat/demo} and the agent console {@code /chat/agent}. Open hours come from the business calendar named by
 * {@code intake.chat.calendar} (a {@link BusinessCalendars} bean when the application has one, else the defaults).
 * {@code intake.chat.enabled=false} switches it off. The protocol is {@code docs/chat-protocol.md}.
 */
@AutoConfiguration(afterName = {"io.intake.gateway.IntakeAutoConfiguration",
        "org.apache.camel.spring.boot.CamelAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({EnableWebSocketMessageBroker.class, IntakeGateway.class})
@ConditionalOnBean({IntakeGateway.class, IntakeCore.class})
@ConditionalOnProperty(prefix = "intake.chat", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ChatChannelProperties.class)
@Import({ChatStompConfig.class, ChatSecurityBeans.class, ChatEndpoints.class, ChatPages.class})
public class ChatChannelAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ChatStore intakeChatStore(IntakeCore core) {
        return new ChatStore(core.database());
    }

    @Bean
    @ConditionalOnMissingBean
    public ChatHours intakeChatHours(ChatChannelProperties settings, ObjectProvider<BusinessCalendars> calendars) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("chat settings: " + String.join("; ", problems));
        }
        BusinessCalendars known = calendars.getIfAvailable(BusinessCalendars::defaults);
        return new ChatHours(known.get(settings.calendar()), settings.closingGrace());
    }

    @Bean
    public ChatGuard intakeChatGuard(ObjectProvider<ChatOutbound> out) {
        return new ChatGuard(out);
    }

    @Bean
    @ConditionalOnMissingBean
    public ChatOutbound intakeChatOutbound(@Qualifier("brokerChannel") MessageChannel brokerChannel,
                                           SimpUserRegistry users) {
        return new ChatMessaging(brokerChannel, users);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    public ChatService intakeChatService(ChatStore store, IntakeGateway gateway, ChatHours hours,
                                         ChatChannelProperties settings, ObjectProvider<Clock> clock, ChatOutbound out,
                                         ObjectProvider<ChatAgentNames> names) {
        ChatService service = new ChatService(store, gateway, hours, settings, clock.getIfUnique(Clock::systemUTC), out);
        service.agentNames(names.getIfAvailable(() -> ChatAgentNames.LOGIN));
        return service;
    }

    /**
     * Whole text messages up to the frame limit (the container's default is 8 KB). The container keeps a buffer of
     * this size per connection, so it is also the memory each visitor costs; the protocol sends no binary frames.
     */
    @Bean
    @ConditionalOnMissingBean
    public ServletServerContainerFactoryBean intakeChatWebSocketContainer(ChatChannelProperties settings) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(settings.maxFrameBytes());
        container.setMaxBinaryMessageBufferSize(8192);
        container.setMaxSessionIdleTimeout(settings.idleTimeout().toMillis());
        return container;
    }
}
