package io.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.core.IntakeGateway;
import io.intake.core.json.WireFormat;
import io.intake.core.ticket.TicketNumber;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import io.intake.core.directory.CustomerDirectory;
import io.intake.core.site.SiteStatus;
import io.intake.core.sla.BusinessCalendars;
import io.intake.telephony.TelephonyChannel;
import io.intake.telephony.TelephonyConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The telephony channel in the gateway: the IVR on 127.0.0.1:4573 by default, AMI monitoring when a host is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(TelephonyChannel.class)
@ConditionalOnProperty(prefix = "intake.telephony", name = "enabled", havingValue = "true", matchIfMissing = true)
class TelephonyWiring {

    /** Where the core's escalation events reach the telephony channel when call-outs are configured. */
    static final String CALL_OUT = "direct:intake-telephony-call-out";

    /** Whether CRITICAL tickets are called out: the channel runs and a call-out destination is set. */
    static boolean callsOut(IntakeProperties p) {
        return p.telephony().enabled() && p.telephony().callOut().destination() != null
                && !p.telephony().callOut().destination().isBlank();
    }

    /**
     * A new CRITICAL ticket from any channel starts a call-out to on-call (the agreement's "call-outs to sites in
     * response to down phones"); the monitor's own incidents are called out by the monitor itself.
     */
    @Bean
    @ConditionalOnProperty(prefix = "intake.telephony.call-out", name = "destination")
    RoutesBuilder intakeTelephonyCallOutRoute(TelephonyChannel channel) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(CALL_OUT).routeId("intake-telephony-call-out").process(exchange -> {
                    JsonNode event = WireFormat.mapper().readTree(exchange.getMessage().getBody(String.class));
                    if ("ticket.critical".equals(event.path("type").asText())
                            && !"monitor".equals(event.path("channel").asText())) {
                        channel.callOut(TicketNumber.parse(event.path("ticket_number").asText()));
                    }
                });
            }
        };
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    TelephonyChannel intakeTelephonyChannel(IntakeProperties properties, IntakeGateway gateway,
                                            CustomerDirectory directory, SiteStatus siteStatus, Clock intakeClock,
                                            BusinessCalendars calendars) {
        return new TelephonyChannel(config(properties.telephony()), gateway, directory, siteStatus, intakeClock,
                calendars.get(BusinessCalendars.OFFICE));
    }

    @Bean
    HealthIndicator telephonyHealthIndicator(TelephonyChannel channel) {
        return () -> {
            var health = channel.health();
            return (health.up() ? Health.up() : Health.down()).withDetail("telephony", health.toString()).build();
        };
    }

    /** The channel's configuration: its defaults with what {@code intake.telephony.*} sets. */
    static TelephonyConfig config(IntakeProperties.Telephony t) {
        TelephonyConfig.Agi d = TelephonyConfig.Agi.DEFAULTS;
        IntakeProperties.Agi a = t.agi();
        TelephonyConfig.Agi agi = new TelephonyConfig.Agi(a.bind(), a.port(), d.prompts(),
                or(a.recordingDirectory(), d.recordingDirectory()), or(a.recordingFormat(), d.recordingFormat()),
                or(a.maxRecording(), d.maxRecording()), d.recordingSilence(), or(a.digitTimeout(), d.digitTimeout()),
                or(a.maxTries(), d.maxTries()), blankToNull(a.onCallTransfer()), or(a.maxCalls(), d.maxCalls()));
        TelephonyConfig config = TelephonyConfig.DEFAULTS.withAgi(agi);
        if (t.ami().host() != null && !t.ami().host().isBlank()) {
            config = config.withAmi(TelephonyConfig.Ami.of(t.ami().host(), t.ami().port(), t.ami().username(), t.ami().password()));
        }
        if (t.monitor().inventory() != null) {
            config = config.withMonitor(TelephonyConfig.Monitor.of(t.monitor().inventory(), t.monitor().debounce()));
        }
        if (t.callOut().destination() != null && !t.callOut().destination().isBlank()) {
            config = config.withCallOut(TelephonyConfig.CallOut.to(t.callOut().destination(),
                    or(t.callOut().agiUrl(), "agi://" + a.bind() + ":" + a.port())));
        }
        return config;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
