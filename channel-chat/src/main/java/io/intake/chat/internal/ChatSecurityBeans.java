package io.intake.chat.internal;

import io.intake.chat.ChatChannelProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * The agent console and socket need a staff login (the web portal's users: its session cookie, or HTTP Basic); the
 * widget, the demo page, the status and the visitor socket are public. Pages get the same strict content policy as
 * the portal. The chains match only {@code /chat/**}, so the rest of the application keeps its own rules.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SecurityFilterChain.class)
public class ChatSecurityBeans {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    @Order(92)
    @ConditionalOnMissingBean(name = "intakeChatAgentSecurity")
    public SecurityFilterChain intakeChatAgentSecurity(HttpSecurity http, ChatChannelProperties settings) throws Exception {
        return http.securityMatcher("/chat/agent", "/chat/agent/**", "/chat/agent.html", "/chat/agent.js", "/chat/agent.css")
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().hasRole(settings.agentRole()))
                .httpBasic(basic -> basic.realmName("Intake staff"))
                .formLogin(form -> form.loginPage(settings.agentLoginPage()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP)))
                .build();
    }

    @Bean
    @Order(93)
    @ConditionalOnMissingBean(name = "intakeChatPublicSecurity")
    public SecurityFilterChain intakeChatPublicSecurity(HttpSecurity http, ChatChannelProperties settings) throws Exception {
        CorsConfiguration status = new CorsConfiguration();
        status.setAllowedOriginPatterns(settings.allowedOrigins());
        status.setAllowedMethods(List.of("GET"));
        UrlBasedCorsConfigurationSource cors = new UrlBasedCorsConfigurationSource();
        cors.registerCorsConfiguration("/chat/status", status);
        return http.securityMatcher("/chat/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .cors(c -> c.configurationSource(cors))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP)))
                .build();
    }
}
