package io.intake.web.internal;

import io.intake.core.limit.RateLimiter;
import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.web.AccessTokens;
import io.intake.core.attachment.AttachmentStore;
import io.intake.core.attachment.FileAttachmentStore;
import io.intake.web.SiteRegistrations;
import io.intake.core.site.SiteStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import io.intake.web.WebChannelProperties;
import io.intake.web.WebIntake;
import jakarta.servlet.MultipartConfigElement;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The web channel's beans (imported by {@code WebChannelAutoConfiguration}); each backs off to the application's. */
@Configuration(proxyBeanMethods = false)
public class WebChannelBeans {

    private static final Logger LOG = LoggerFactory.getLogger(WebChannelBeans.class);

    @Bean
    @ConditionalOnMissingBean
    public AttachmentStore intakeWebAttachmentStore(WebChannelProperties properties, Environment environment) {
        Path dir = properties.attachmentsDir() != null ? properties.attachmentsDir()
                : Path.of(environment.getProperty("intake.data-dir", "./data")).resolve("attachments");
        FileAttachmentStore store = new FileAttachmentStore(dir);
        LOG.info("web attachments are kept in {}", store.root());
        return store;
    }

    /** The portal's phones-by-site panel reads the core's registration read model, when the application has one. */
    @Bean
    @ConditionalOnMissingBean(SiteRegistrations.class)
    @ConditionalOnBean(SiteStatus.class)
    public SiteRegistrations intakeWebSiteRegistrations(SiteStatus status) {
        return () -> status.sites().stream()
                .map(s -> new SiteRegistrations.Site(s.siteId(), s.siteName(), (int) s.online(), s.phones().size(), s.asOf()))
                .toList();
    }

    @Bean
    @ConditionalOnMissingBean
    public AccessTokens intakeWebAccessTokens(IntakeCore core) {
        return new AccessTokens(core.database().dataSource());
    }

    @Bean
    @ConditionalOnMissingBean
    public WebIntake intakeWebIntake(IntakeGateway gateway, AttachmentStore attachments, AccessTokens tokens,
                                     WebChannelProperties properties, IntakeCore core) {
        return new WebIntake(gateway, attachments, tokens, properties.upload(), core.clock());
    }

    @Bean
    TicketQuery intakeWebTicketQuery(IntakeCore core) {
        return new TicketQuery(core.database().dataSource());
    }

    @Bean
    @ConditionalOnMissingBean(name = "intakeWebApiRoutes")
    public ApiRoutes intakeWebApiRoutes(WebIntake intake, AccessTokens tokens, IntakeCore core, TicketQuery query,
                                        WebChannelProperties properties) {
        return new ApiRoutes(new TicketApi(intake, tokens, core.store(), query, properties.upload()));
    }

    @Bean
    PortalFeed intakeWebPortalFeed(TicketQuery query, IntakeCore core, ObjectProvider<SiteRegistrations> sites,
                                   WebChannelProperties properties) {
        return new PortalFeed(query, core.outbox(), sites, core.clock(), properties.portal().recentTickets(),
                properties.portal().refreshInterval());
    }

    @Bean
    SupportFormController intakeWebSupportFormController(WebIntake intake, IntakeGateway gateway,
                                                          WebChannelProperties properties, PortalFeed feed) {
        return new SupportFormController(intake, gateway, properties, feed);
    }

    @Bean
    PortalController intakeWebPortalController(PortalFeed feed, IntakeCore core, WebChannelProperties properties) {
        return new PortalController(feed, core.outbox(), core.clock(), properties);
    }

    /** {@code /api/**} answers 503, not 404, while the Camel routes that serve it are not running (start, shutdown). */
    @Bean
    FilterRegistrationBean<ApiStartingFilter> intakeWebApiStartingFilter(ObjectProvider<CamelContext> camel) {
        FilterRegistrationBean<ApiStartingFilter> registration = new FilterRegistrationBean<>(ApiStartingFilter.of(camel));
        registration.setName("intakeWebApiStarting");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SubmissionGuardFilter> intakeWebSubmissionGuard(WebChannelProperties properties) {
        WebChannelProperties.RateLimit limit = properties.rateLimit();
        RateLimiter limiter = limit.enabled()
                ? new RateLimiter(limit.requestsPerMinute(), limit.burst(), limit.maxClients(), java.time.Clock.systemUTC()) : null;
        if (limiter == null) {
            LOG.warn("intake.web.rate-limit.enabled=false: web submissions are not rate limited");
        }
        FilterRegistrationBean<SubmissionGuardFilter> registration = new FilterRegistrationBean<>(
                new SubmissionGuardFilter(limiter, properties.upload().maxRequestBytes()));
        registration.setName("intakeWebSubmissionGuard");
        // before Spring Security (-100): refused requests never reach authentication or the body parsers
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    /**
     * Servlet multipart limits that fit the web channel's (Boot's defaults allow 1 MB per file). Per-file sizes are
     * checked by the channel itself, so a too-large file becomes a field message rather than an error page.
     */
    @Bean
    @ConditionalOnMissingBean
    public MultipartConfigElement multipartConfigElement(WebChannelProperties properties) {
        return new MultipartConfigElement("", -1L, properties.upload().maxRequestBytes(), 64 * 1024);
    }
}
