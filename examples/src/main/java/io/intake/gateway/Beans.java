package io.intake.gateway;

import io.intake.core.IntakeCore;
import io.intake.core.severity.ReloadingSeverityRules;
import io.intake.core.severity.RuleBasedSeverityRules;
import io.intake.core.severity.SecondOpinionSeverityRules;
import io.intake.core.severity.SeverityRules;
import io.intake.core.severity.WordModel;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.sla.BusinessCalendars;
import io.intake.core.sla.ClockMode;
import io.intake.core.sla.SeverityTerms;
import io.intake.core.sla.SlaPolicy;
import io.intake.core.sla.SlaWatch;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.tracker.CamelEndpointConfig;
import io.intake.core.tracker.CamelEndpointTrackerSink;
import io.intake.core.tracker.JdbcTrackerStore;
import io.intake.core.tracker.TrackerSink;
import io.intake.core.tracker.WebhookConfig;
import io.intake.core.tracker.WebhookTrackerSink;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the core's parts from the settings; shared by the server and the command-line tools. */
final class Beans {

    private Beans() {
    }

    static Clock clock(IntakeProperties p) {
        return p.clock().fixed() != null ? Clock.fixed(p.clock().fixed(), ZoneOffset.UTC) : Clock.systemUTC();
    }

    static IntakeDatabase database(IntakeProperties p) {
        IntakeProperties.Database db = p.database();
        if (db.url() == null || db.url().isBlank()) {
            return IntakeDatabase.embedded(p.dataDir());
        }
        return IntakeDatabase.open(db.url(), db.username(), db.password(), db.poolSize());
    }

    /** The configured rules with the configured second opinion. */
    static SeverityRules rules(IntakeProperties p) {
        return withModel(rulesAlone(p), p.severity().model());
    }

    /** The configured rules file (reloaded when it changes), or the shipped rules. */
    static SeverityRules rulesAlone(IntakeProperties p) {
        return p.severity().rulesFile() == null ? RuleBasedSeverityRules.defaults()
                : new ReloadingSeverityRules(p.severity().rulesFile());
    }

    /**
     * The rules with the second opinion {@code model} names: {@code shipped} (or blank), {@code off}, or a model file.
     */
    static SeverityRules withModel(SeverityRules rules, String model) {
        if (modelOff(model)) {
            return rules;
        }
        Path file = modelFile(model);
        return new SecondOpinionSeverityRules(rules, file == null ? WordModel.shipped() : WordModel.read(file));
    }

    /** Whether the {@code intake.severity.model} setting turns the second opinion off. */
    static boolean modelOff(String model) {
        return model != null && model.strip().equalsIgnoreCase("off");
    }

    /** The model file the {@code intake.severity.model} setting names, or null for {@code shipped}, blank or {@code off}. */
    static Path modelFile(String model) {
        String m = model == null ? "" : model.strip();
        return m.isEmpty() || m.equalsIgnoreCase("shipped") || m.equalsIgnoreCase("off") ? null : Path.of(m);
    }

    static BusinessCalendars calendars(IntakeProperties p) {
        Map<String, String> specs = new LinkedHashMap<>();
        if (p.sla().calendars() != null) {
            p.sla().calendars().forEach((name, c) -> {
                put(specs, name + ".zone", c.zone());
                put(specs, name + ".hours", c.hours());
                put(specs, name + ".holidays", c.holidays());
            });
        }
        return specs.isEmpty() ? BusinessCalendars.defaults() : BusinessCalendars.defaults().withSpecs(specs);
    }

    static AgreementSlaPolicy sla(IntakeProperties p) {
        boolean defaultCalendars = p.sla().calendars() == null || p.sla().calendars().isEmpty();
        boolean defaultTerms = p.sla().terms() == null || p.sla().terms().isEmpty();
        return defaultCalendars && defaultTerms ? AgreementSlaPolicy.defaults()
                : AgreementSlaPolicy.of(calendars(p), terms(p));
    }

    /** The agreement's terms with what {@code intake.sla.terms.<severity>.*} replaces. */
    static List<SeverityTerms> terms(IntakeProperties p) {
        Map<String, IntakeProperties.Terms> overrides = p.sla().terms() == null ? Map.of() : p.sla().terms();
        for (String key : overrides.keySet()) {
            io.intake.core.ticket.Severity.parse("intake.sla.terms.<severity>", key);
        }
        List<SeverityTerms> terms = new ArrayList<>();
        for (SeverityTerms d : SeverityTerms.defaults()) {
            IntakeProperties.Terms o = overrides.get(d.severity().name().toLowerCase(Locale.ROOT));
            if (o == null) {
                terms.add(d);
                continue;
            }
            ClockMode clock = o.clock() == null ? d.clock() : switch (o.clock().strip().toLowerCase(Locale.ROOT)) {
                case "business" -> ClockMode.BUSINESS;
                case "wall-clock", "wall_clock", "wallclock" -> ClockMode.WALL_CLOCK;
                default -> throw new io.intake.core.InvalidFieldException("intake.sla.terms."
                        + d.severity().name().toLowerCase(Locale.ROOT) + ".clock", "'" + o.clock()
                        + "' is not a clock; one of business, wall-clock");
            };
            terms.add(new SeverityTerms(d.severity(), clock, o.calendar() == null ? d.calendar() : o.calendar(),
                    o.responseTarget() == null ? d.responseTarget() : o.responseTarget(),
                    o.ackDeadline() == null ? d.ackDeadline() : o.ackDeadline()));
        }
        return terms;
    }

    private static void put(Map<String, String> specs, String key, String value) {
        if (value != null && !value.isBlank()) {
            specs.put(key, value);
        }
    }

    /** The configured tracker; a Camel bridge needs the running context. */
    static TrackerSink trackerSink(IntakeProperties p, IntakeDatabase database, CamelContext camel) {
        IntakeProperties.Tracker t = p.tracker();
        switch (t.type().toLowerCase(Locale.ROOT)) {
            case "none":
                return null;
            case "webhook":
                return new WebhookTrackerSink(webhookConfig(t.webhook()), clock(p));
            case "camel":
                return new CamelEndpointTrackerSink(camel, new CamelEndpointConfig(t.camel().createUri(), t.camel().updateUri()));
            default:
                if (t.jdbc().url() == null || t.jdbc().url().isBlank()) {
                    return new JdbcTrackerStore(database.dataSource(), t.jdbc().tablePrefix(), clock(p));
                }
                return new JdbcTrackerStore(IntakeDatabase.pool("intake-tracker", t.jdbc().url(), t.jdbc().username(),
                        t.jdbc().password(), 4), t.jdbc().tablePrefix(), clock(p));
        }
    }

    static WebhookConfig webhookConfig(IntakeProperties.Webhook w) {
        return new WebhookConfig(w.url(), w.secret(), w.connectTimeout(), w.requestTimeout(), w.updateUrl(), null);
    }

    static IntakeCore core(IntakeProperties p, IntakeDatabase database, SeverityRules rules, SlaPolicy sla,
                           TrackerSink sink, Clock clock, MeterRegistry meters) {
        IntakeCore.Builder builder = IntakeCore.builder(database, rules, sla)
                .trackerSink(sink).clock(clock).meters(meters)
                .limits(SettingsCheck.limits(p)).delivery(SettingsCheck.deliveryPolicy(p));
        List<String> escalation = new ArrayList<>();
        if (p.escalation().uri() != null && !p.escalation().uri().isBlank()) {
            escalation.add(p.escalation().uri());
        }
        if (TelephonyWiring.callsOut(p)) {
            escalation.add(TelephonyWiring.CALL_OUT);
        }
        if (!escalation.isEmpty()) {
            builder.escalation(escalation, sla instanceof AgreementSlaPolicy agreement
                    ? new SlaWatch(agreement, p.sla().warnings(), clock) : null);
        }
        if (p.node() != null && !p.node().isBlank()) {
            builder.node(p.node());
        }
        return builder.build();
    }
}
