package io.intake.web;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.web.internal.WebChannelBeans;
import io.intake.web.internal.WebSecurityBeans;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * Adds the web channel to a Spring Boot servlet application that has the intake core: the support form at
 * {@code /support/new}, the ticket API under {@code /api/v1} (Camel REST DSL on platform-http), and the staff's live
 * monitor at {@code /portal}. Needs {@link IntakeGateway} and {@link IntakeCore} beans; every bean backs off when the
 * application defines its own; {@code intake.web.enabled=false} switches the channel off.
 */
@AutoConfiguration(afterName = {"io.intake.gateway.IntakeAutoConfiguration",
        "org.apache.camel.spring.boot.CamelAutoConfiguration"}, before = MultipartAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({EnableWebSecurity.class, IntakeGateway.class})
@ConditionalOnBean({IntakeGateway.class, IntakeCore.class})
@ConditionalOnProperty(prefix = "intake.web", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(WebChannelProperties.class)
@Import({WebChannelBeans.class, WebSecurityBeans.class})
public class WebChannelAutoConfiguration {
}
