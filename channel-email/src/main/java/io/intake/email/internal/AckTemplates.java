package io.intake.email.internal;

import io.intake.email.EmailConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text bodies of the mails the channel sends, from files users can replace: a file of the same name in the
 * configured template folder wins over the one shipped in {@code io/intake/email/templates/}. Placeholders are
 * {@code ${name}}; an unknown one is left as written. Values are inserted as they are: the body is text/plain, and
 * nothing in it can become a header (headers are set through jakarta.mail, never from template text).
 */
public final class AckTemplates {

    /** The templates and their file names. */
    public enum Kind {
        /** A new ticket was opened. */
        CREATED("ack.txt"),
        /** A reply was added to a ticket (sent only when updates are acknowledged). */
        UPDATED("ack-update.txt"),
        /** The mail could not be accepted. */
        REJECTED("rejected.txt");

        private final String file;

        Kind(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");
    private static final String SHIPPED = "/io/intake/email/templates/";
    private static final long MAX_TEMPLATE_BYTES = 64 * 1024;

    private final Map<Kind, String> templates;

    private AckTemplates(Map<Kind, String> templates) {
        this.templates = templates;
    }

    /** Loads every template now, so a broken template folder fails at startup, not at the first mail. */
    public static AckTemplates load(Path folder) {
        Map<Kind, String> map = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            map.put(kind, read(folder, kind));
        }
        return new AckTemplates(map);
    }

    private static String read(Path folder, Kind kind) {
        try {
            if (folder != null) {
                Path file = folder.resolve(kind.file());
                if (Files.isRegularFile(file)) {
                    if (Files.size(file) > MAX_TEMPLATE_BYTES) {
                        throw new EmailConfigException(List.of("intake.email.template-folder: " + file + " is over "
                                + MAX_TEMPLATE_BYTES + " bytes"));
                    }
                    return normalise(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            try (InputStream in = AckTemplates.class.getResourceAsStream(SHIPPED + kind.file())) {
                if (in == null) {
                    throw new IllegalStateException("shipped template " + kind.file() + " is missing from the jar");
                }
                return normalise(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new EmailConfigException(List.of("intake.email.template-folder: cannot read " + kind.file() + ": " + e.getMessage()));
        }
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The template with each known {@code ${name}} replaced by its value. */
    public String render(Kind kind, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(templates.get(kind));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\n{3,}", "\n\n");
    }
}
