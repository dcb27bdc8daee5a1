package io.intake.web.internal;

import io.intake.web.WebChannelProperties;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may see what. The form and the ticket API are public (a ticket's status needs its access token); the portal
 * and the staff API need a staff account: a login form for pages, HTTP Basic for the API. Staff accounts come from
 * {@code intake.web.staff} with bcrypt hashes, unless the application defines its own {@link UserDetailsService}.
 * The chains match only the channel's paths, so the rest of the application keeps its own rules.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class WebSecurityBeans {

    private static final Logger LOG = LoggerFactory.getLogger(WebSecurityBeans.class);
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    @ConditionalOnMissingBean(UserDetailsService.class)
    public InMemoryUserDetailsManager intakeWebStaffUsers(WebChannelProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        for (WebChannelProperties.StaffUser staff : properties.staff()) {
            String hash = staff.passwordHash().startsWith("{") ? staff.passwordHash() : "{bcrypt}" + staff.passwordHash();
            users.add(User.withUsername(staff.username()).password(hash).roles(TicketApi.STAFF_ROLE).build());
        }
        if (users.isEmpty()) {
            LOG.warn("no staff accounts under intake.web.staff: the portal and the staff API refuse everyone");
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    @Order(90)
    @ConditionalOnMissingBean(name = "intakeWebApiSecurity")
    public SecurityFilterChain intakeWebApiSecurity(HttpSecurity http, UserDetailsService users) throws Exception {
        return http.securityMatcher("/api/v1/**")
                .authenticationManager(staffAuthentication(users))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.realmName("Intake staff"))
                .addFilterAfter(new StaffMarker(), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/v1/tickets", "/api/v1/tickets/").hasRole(TicketApi.STAFF_ROLE)
                        .anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(91)
    @ConditionalOnMissingBean(name = "intakeWebPageSecurity")
    public SecurityFilterChain intakeWebPageSecurity(HttpSecurity http, UserDetailsService users) throws Exception {
        return http.securityMatcher("/support/**", "/portal", "/portal/**", "/intake-web/**")
                .authenticationManager(staffAuthentication(users))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/support/**", "/intake-web/**", "/portal/login").permitAll()
                        .requestMatchers("/portal", "/portal/**").hasRole(TicketApi.STAFF_ROLE)
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/portal/login").defaultSuccessUrl("/portal", true).permitAll())
                .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP)))
                .build();
    }

    private static AuthenticationManager staffAuthentication(UserDetailsService users) {
        DelegatingPasswordEncoder encoder = (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        encoder.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder());
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }
}
