package io.intake.gateway;

import io.intake.core.IntakeGateway;
import io.intake.core.attachment.AttachmentStore;
import io.intake.email.DemoMailServer;
import io.intake.email.EmailChannel;
import io.intake.email.EmailConfig;
import org.apache.camel.RoutesBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The email channel in the gateway: polls the configured mailboxes; with none configured, starts the embedded demo
 * mail server as help@localhost (SMTP 3025, IMAP 3143 on 127.0.0.1) so a first run can be tried with any mail client.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(EmailChannel.class)
@ConditionalOnProperty(prefix = "intake.email", name = "enabled", havingValue = "true", matchIfMissing = true)
class EmailWiring {

    @Bean
    EmailConfig intakeEmailConfig(IntakeProperties properties) {
        return config(properties.email());
    }

    /** The demo server, or an empty holder when mailboxes are configured. */
    @Bean(destroyMethod = "close")
    DemoServerHolder intakeEmailDemoServer(EmailConfig config) {
        return new DemoServerHolder(config.demoServerEnabled() ? DemoMailServer.start(config.demoServer()) : null);
    }

    @Bean(destroyMethod = "close")
    EmailChannel intakeEmailChannel(EmailConfig config, DemoServerHolder demo, IntakeGateway gateway,
                                    AttachmentStore attachments, Clock intakeClock) {
        EmailConfig effective = demo.server() == null ? config : config.withDemoServer(demo.server());
        return new EmailChannel(effective, gateway, content -> attachments.put(content.content()), intakeClock);
    }

    @Bean
    RoutesBuilder intakeEmailRoutes(EmailChannel channel) {
        return channel.routes();
    }

    @Bean
    HealthIndicator emailHealthIndicator(ObjectProvider<EmailChannel> channel) {
        return () -> {
            var health = channel.getObject().health();
            return (health.up() ? Health.up() : Health.down()).withDetail("email", health.toString()).build();
        };
    }

    static EmailConfig config(IntakeProperties.Email e) {
        return new EmailConfig(e.mailboxes(), e.smtp(), e.from(), e.fromName(), e.templateFolder(), e.ackUpdates(),
                e.ackLimit(), e.ackLimitWindow(), e.zone(), e.responseTargets(), null,
                new EmailConfig.DemoServer(e.demoServer().enabled(), e.demoServer().smtpPort(), e.demoServer().imapPort()));
    }

    /** Holds the demo server (or nothing) so that it stops with the application. */
    record DemoServerHolder(DemoMailServer server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.stop();
            }
        }
    }
}
