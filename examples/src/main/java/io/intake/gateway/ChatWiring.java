package io.intake.gateway;

import io.intake.chat.ChatAgentNames;
import io.intake.web.WebChannelProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;

/** Chat agents are the web portal's staff: visitors see their display names, not their logins. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ChatAgentNames.class, WebChannelProperties.class})
class ChatWiring {

    @Bean
    ChatAgentNames intakeChatAgentNames(ObjectProvider<WebChannelProperties> web) {
        Map<String, String> names = new HashMap<>();
        WebChannelProperties properties = web.getIfAvailable();
        if (properties != null) {
            for (WebChannelProperties.StaffUser staff : properties.staff()) {
                if (staff.displayName() != null && !staff.displayName().isBlank()) {
                    names.put(staff.username(), staff.displayName().strip());
                }
            }
        }
        return username -> names.getOrDefault(username, username);
    }
}
