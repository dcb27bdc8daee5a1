package io.intake.gateway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The gateway's management endpoints: the health status (for load balancers and probes) and the info are public;
 * the health details, the metrics and every other endpoint need a staff login (HTTP Basic, the web portal's users).
 * Without this chain, the web channel's chains would switch Spring Boot's default security off and leave
 * {@code /actuator/**} open to anyone who can reach the port.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SecurityFilterChain.class)
public class ActuatorSecurity {

    /** The role that may read health details and metrics (the web portal's staff role). */
    public static final String STAFF_ROLE = "STAFF";

    @Bean
    @Order(80)
    @ConditionalOnMissingBean(name = "intakeActuatorSecurity")
    public SecurityFilterChain intakeActuatorSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator", "/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .anyRequest().hasRole(STAFF_ROLE))
                .httpBasic(basic -> basic.realmName("Intake staff"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
