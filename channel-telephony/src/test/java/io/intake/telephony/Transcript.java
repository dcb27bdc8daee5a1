package io.intake.telephony;

import io.intake.core.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A captured Asterisk transcript from {@code shared/testdata/asterisk} (format: its README). Lines keep their
 * trailing spaces. The directory is found by {@link TestData}; a missing directory fails the test.
 */
public final class Transcript {

    /** One protocol line: who sent it ('S' Asterisk, 'C' client, 'E' for S-EOF/C-EOF) and its exact text. */
    public record Line(char from, String text) {
    }

    private final String name;
    private final List<Line> lines;

    private Transcript(String name, List<Line> lines) {
        this.name = name;
        this.lines = lines;
    }

    public static Path directory() {
        return TestData.file("asterisk");
    }

    public static Transcript load(String file) {
        Path path = directory().resolve(file);
        try {
            List<Line> lines = new ArrayList<>();
            for (String raw : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (raw.startsWith("#") || raw.isEmpty()) {
                    continue;
                }
                if (raw.equals("S-EOF") || raw.equals("C-EOF")) {
                    lines.add(new Line('E', raw));
                } else if (raw.startsWith("Sx: ") || raw.startsWith("Cx: ")) {
                    lines.add(new Line(raw.charAt(0), unescape(raw.substring(4))));
                } else if (raw.equals("S:") || raw.equals("C:")) {
                    lines.add(new Line(raw.charAt(0), ""));
                } else if (raw.startsWith("S: ") || raw.startsWith("C: ")) {
                    lines.add(new Line(raw.charAt(0), raw.substring(3)));
                } else {
                    throw new IllegalStateException(file + ": unexpected line '" + raw + "'");
                }
            }
            return new Transcript(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read transcript " + path, e);
        }
    }

    public List<Line> lines() {
        return lines;
    }

    /** AGI: the environment block Asterisk sent (each "agi_x: value"), without the empty line. */
    public List<String> agiEnvironment() {
        List<String> env = new ArrayList<>();
        for (Line l : lines) {
            if (l.from() != 'S' || l.text().isEmpty()) {
                break;
            }
            env.add(l.text());
        }
        return env;
    }

    /** The first reply line Asterisk sent to a client line starting with {@code commandPrefix} ("HANGUP" skipped). */
    public String replyTo(String commandPrefix) {
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.from() == 'C' && l.text().startsWith(commandPrefix)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    Line r = lines.get(j);
                    if (r.from() == 'S' && !r.text().equals("HANGUP")) {
                        return r.text();
                    }
                }
            }
        }
        throw new IllegalStateException(name + ": no reply to '" + commandPrefix + "'");
    }

    /** AMI: every message Asterisk sent after the banner, each as its header lines. */
    public List<List<String>> serverMessages() {
        List<List<String>> messages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean banner = true;
        for (Line l : lines) {
            if (l.from() != 'S') {
                continue;
            }
            if (banner) {
                banner = false;
                continue;
            }
            if (l.text().isEmpty()) {
                if (!current.isEmpty()) {
                    messages.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(l.text());
            }
        }
        return messages;
    }

    /** AMI: the banner line. */
    public String banner() {
        return lines.get(0).text();
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append('\\').append(n);
            }
        }
        return out.toString();
    }
}
