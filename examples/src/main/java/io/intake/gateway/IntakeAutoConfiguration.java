package io.intake.gateway;

import io.intake.core.IntakeCore;
import io.intake.core.directory.CustomerDirectory;
import io.intake.core.directory.StaticCustomerDirectory;
import io.intake.core.site.SiteStatus;
import io.intake.core.attachment.AttachmentStore;
import io.intake.core.attachment.FileAttachmentStore;
import io.intake.core.IntakeGateway;
import io.intake.core.outbox.OutboxEntry;
import io.intake.core.severity.SeverityRules;
import io.intake.core.sla.BusinessCalendars;
import io.intake.core.sla.SlaPolicy;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.tracker.TrackerSink;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/**
 * Adds the intake gateway to any Spring Boot application with Camel: the embedded (or configured) database, the
 * severity rules and SLA policy, the tracker sink, the intake and delivery routes, the {@link IntakeGateway} channels
 * call, health and metrics. Every bean backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(CamelContext.class)
@EnableConfigurationProperties(IntakeProperties.class)
@Import({TelephonyWiring.class, EmailWiring.class})
public class IntakeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "intakeClock")
    public Clock intakeClock(IntakeProperties properties) {
        SettingsCheck.verify(properties);
        return Beans.clock(properties);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public IntakeDatabase intakeDatabase(IntakeProperties properties) {
        SettingsCheck.verify(properties);
        return Beans.database(properties);
    }

    /** Attachment content, by reference from tickets: {@code <data-dir>/attachments}. */
    @Bean
    @ConditionalOnMissingBean
    public AttachmentStore intakeAttachmentStore(IntakeProperties properties) {
        return new FileAttachmentStore(properties.dataDir().resolve("attachments"));
    }

    /** Who is who: a YAML directory when {@code intake.directory.file} is set, else nobody is known. */
    @Bean
    @ConditionalOnMissingBean
    public CustomerDirectory intakeCustomerDirectory(IntakeProperties properties) {
        return properties.directory().file() == null ? CustomerDirectory.EMPTY
                : StaticCustomerDirectory.load(properties.directory().file());
    }

    /** Phone registrations by site: written by the telephony channel, read by the portal. */
    @Bean
    @ConditionalOnMissingBean
    public SiteStatus intakeSiteStatus() {
        return SiteStatus.inMemory();
    }

    @Bean
    @ConditionalOnMissingBean
    public SeverityRules intakeSeverityRules(IntakeProperties properties) {
        return Beans.rules(properties);
    }

    /** The named business calendars: the defaults with what {@code intake.sla.calendars.*} sets (chat hours, IVR). */
    @Bean
    @ConditionalOnMissingBean
    public BusinessCalendars intakeCalendars(IntakeProperties properties) {
        return Beans.calendars(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    public SlaPolicy intakeSlaPolicy(IntakeProperties properties) {
        return Beans.sla(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression("'${intake.tracker.type:jdbc}' != 'none'")
    public TrackerSink intakeTrackerSink(IntakeProperties properties, IntakeDatabase database, CamelContext camel) {
        return Beans.trackerSink(properties, database, camel);
    }

    @Bean
    @ConditionalOnMissingBean
    public IntakeCore intakeCore(IntakeProperties properties, IntakeDatabase database, SeverityRules rules,
                                 SlaPolicy sla, ObjectProvider<TrackerSink> sink, Clock intakeClock,
                                 ObjectProvider<MeterRegistry> meters) {
        return Beans.core(properties, database, rules, sla, sink.getIfAvailable(), intakeClock,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public RoutesBuilder intakeRoutes(IntakeCore core) {
        return core.routes();
    }

    @Bean
    @ConditionalOnMissingBean
    public IntakeGateway intakeGateway(IntakeCore core, CamelContext camel) {
        return core.gateway(camel);
    }

    @Bean
    public MeterBinder intakeOutboxMeters(IntakeCore core) {
        return registry -> {
            Gauge.builder("intake.outbox.pending", core.outbox(), o -> o.count(OutboxEntry.State.PENDING))
                    .description("Outbox entries waiting for delivery").register(registry);
            Gauge.builder("intake.outbox.parked", core.outbox(), o -> o.count(OutboxEntry.State.PARKED))
                    .description("Outbox entries parked after failing").register(registry);
        };
    }

    /**
     * Health: the pipeline runs and the database answers; details show the outbox and whether delivery is paused.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {

        @Bean
        public HealthIndicator intakeHealthIndicator(IntakeCore core, ObjectProvider<TrackerSink> sink, CamelContext camel) {
            return () -> {
                if (!camel.getStatus().isStarted()) {
                    // The web server answers before the routes run; until then nothing can be taken in.
                    return Health.down().withDetail("pipeline", camel.getStatus().name()).build();
                }
                try {
                    long pending = core.outbox().count(OutboxEntry.State.PENDING);
                    long parked = core.outbox().count(OutboxEntry.State.PARKED);
                    Health.Builder health = Health.up()
                            .withDetail("outbox_pending", pending)
                            .withDetail("outbox_parked", parked)
                            .withDetail("tracker", sink.getIfAvailable() == null ? "none" : sink.getObject().name());
                    if (core.delivery() != null && core.delivery().pausedUntil().isAfter(core.clock().instant())) {
                        health.withDetail("delivery_paused_until", core.delivery().pausedUntil().toString());
                    }
                    return health.build();
                } catch (RuntimeException e) {
                    return Health.down(e).build();
                }
            };
        }
    }
}
