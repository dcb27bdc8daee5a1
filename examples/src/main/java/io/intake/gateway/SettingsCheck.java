package io.intake.gateway;

import io.intake.core.IntakeException;
import io.intake.core.InvalidFieldException;
import io.intake.core.outbox.DeliveryPolicy;
import io.intake.core.pipeline.IntakeLimits;
import io.intake.core.severity.WordModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks the bound settings before anything starts and reports every problem at once, each naming the property and
 * what to set.
 */
public final class SettingsCheck {

    static final Set<String> TRACKER_TYPES = Set.of("jdbc", "webhook", "camel", "none");

    private SettingsCheck() {
    }

    /** Throws {@link InvalidSettingsException} listing every problem; returns quietly when there is none. */
    public static void verify(IntakeProperties p) {
        List<String> problems = problems(p);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    public static List<String> problems(IntakeProperties p) {
        List<String> problems = new ArrayList<>();
        if (p.dataDir() == null || p.dataDir().toString().isBlank()) {
            problems.add("intake.data-dir: is required (a folder for the embedded stores, default ./data)");
        } else if (Files.exists(p.dataDir()) && !Files.isDirectory(p.dataDir())) {
            problems.add("intake.data-dir: " + p.dataDir() + " exists and is not a folder");
        }
        IntakeProperties.Database db = p.database();
        if (db.url() != null && !db.url().isBlank() && !db.url().startsWith("jdbc:")) {
            problems.add("intake.database.url: '" + db.url() + "' is not a JDBC URL (jdbc:postgresql://host:5432/db or jdbc:h2:...)");
        }
        if (db.poolSize() < 1 || db.poolSize() > 200) {
            problems.add("intake.database.pool-size: must be between 1 and 200 (was " + db.poolSize() + ")");
        }
        String type = p.tracker().type() == null ? "" : p.tracker().type().toLowerCase(Locale.ROOT);
        if (!TRACKER_TYPES.contains(type)) {
            problems.add("intake.tracker.type: '" + p.tracker().type() + "' is not a tracker; one of jdbc, webhook, camel, none");
        }
        if (type.equals("webhook")) {
            IntakeProperties.Webhook w = p.tracker().webhook();
            collectAll(problems, () -> Beans.webhookConfig(w));
        }
        if (type.equals("camel") && (p.tracker().camel().createUri() == null || p.tracker().camel().createUri().isBlank())) {
            problems.add("intake.tracker.camel.create-uri: is required when intake.tracker.type=camel (for example file:tickets)");
        }
        collect(problems, () -> deliveryPolicy(p));
        collect(problems, () -> limits(p));
        if (p.severity().rulesFile() != null && !Files.isReadable(p.severity().rulesFile())) {
            problems.add("intake.severity.rules-file: " + p.severity().rulesFile() + " does not exist or cannot be read");
        }
        Path model = Beans.modelFile(p.severity().model());
        if (model != null) {
            if (!Files.isReadable(model)) {
                problems.add("intake.severity.model: '" + model + "' is not 'shipped', 'off' or a readable model file");
            } else {
                collect(problems, () -> WordModel.read(model));
            }
        }
        for (Double fraction : p.sla().warnings()) {
            if (fraction == null || fraction <= 0 || fraction >= 1) {
                problems.add("intake.sla.warnings: " + fraction + " is not a fraction between 0 and 1 (exclusive)");
            }
        }
        collect(problems, () -> Beans.sla(p));
        if (p.email().enabled()) {
            collectAll(problems, () -> EmailWiring.config(p.email()));
        }
        if (p.telephony().enabled()) {
            collectAll(problems, () -> TelephonyWiring.config(p.telephony()));
        }
        if (p.chat().enabled()) {
            problems.addAll(p.chat().problems());
            try {
                Beans.calendars(p).get(p.chat().calendar());
            } catch (IntakeException e) {
                problems.add("intake.chat.calendar: '" + p.chat().calendar() + "' is not a calendar; define it under "
                        + "intake.sla.calendars." + p.chat().calendar() + " or use chat, office or installation");
            }
        }
        if (p.directory().file() != null && !Files.isReadable(p.directory().file())) {
            problems.add("intake.directory.file: " + p.directory().file() + " does not exist or cannot be read");
        }
        return problems;
    }

    static DeliveryPolicy deliveryPolicy(IntakeProperties p) {
        IntakeProperties.Delivery d = p.delivery();
        return new DeliveryPolicy(d.maxAttempts(), d.initialBackoff(), d.maxBackoff(), d.batchSize(), d.pollInterval(), d.lease());
    }

    static IntakeLimits limits(IntakeProperties p) {
        IntakeProperties.Limits l = p.limits();
        return new IntakeLimits(l.maxBodyChars(), l.maxAttachments(), l.maxAttachmentBytes(), l.maxTotalBytes(),
                l.inlineAttachmentBytes());
    }

    private static void collect(List<String> problems, Supplier<?> construct) {
        try {
            construct.get();
        } catch (InvalidFieldException e) {
            problems.add(e.getMessage());
        } catch (IntakeException | IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    /**
     * Like {@link #collect} for constructors that report several problems in one message, separated by "; " or by
     * lines, each starting with the property name.
     */
    private static void collectAll(List<String> problems, Supplier<?> construct) {
        try {
            construct.get();
        } catch (IntakeException | IllegalArgumentException e) {
            for (String problem : e.getMessage().split("(?:;\\s+|\\R\\s*)(?=intake\\.)")) {
                int start = problem.indexOf("intake.");
                problems.add(start > 0 ? problem.substring(start) : problem);
            }
        }
    }

    /** The settings are wrong; the message lists every problem, one per line. */
    public static final class InvalidSettingsException extends IntakeException {

        private final List<String> problems;

        InvalidSettingsException(List<String> problems) {
            super("The gateway's settings have " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + ":\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
