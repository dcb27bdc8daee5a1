package io.intake.telephony;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Asterisk's side of a FastAGI call, replayed from the captured transcripts: it connects to the IVR, sends the
 * environment block of {@code agi-menu-critical.txt} (script, request, unique id and caller id replaced), and answers
 * each command with the reply Asterisk 22 gave to that command in a capture. LF line ends, as on the wire.
 * <p>
 * The caller's key presses feed GET DATA in order: digits (the {@code #} is not part of the result, as in Asterisk),
 * "" for a timeout, "12~" for partial input then a timeout. A hang-up at a given command answers it with
 * {@code result=-1}, then sends {@code HANGUP} before the next reply and 511 for channel commands.
 * Commands are logged with quotes around single words removed (Asterisk-Java quotes arguments, the capture's Python
 * client did not; Asterisk parses both the same way).
 */
public final class FakeAsterisk {

    static final Transcript MENU = Transcript.load("agi-menu-critical.txt");
    static final Transcript TIMEOUTS = Transcript.load("agi-timeouts.txt");
    static final Transcript MIDFLOW = Transcript.load("agi-hangup-midflow.txt");
    static final Transcript IN_GETDATA = Transcript.load("agi-hangup-in-getdata.txt");

    static final String ANSWERED = MENU.replyTo("ANSWER");
    static final String PLAYED = MENU.replyTo("STREAM FILE");
    static final String DIGITS = MENU.replyTo("GET DATA telephone-number"); // 200 result=987654
    static final String TIMEOUT = TIMEOUTS.replyTo("GET DATA vm-enter-num-to-call 3000"); // 200 result= (timeout)
    static final String PARTIAL = TIMEOUTS.replyTo("GET DATA telephone-number"); // 200 result=12 (timeout)
    static final String SAID = MENU.replyTo("SAY DIGITS");
    static final String RECORDED = MENU.replyTo("RECORD FILE"); // 200 result=35 (dtmf) endpos=43680
    static final String SET = MENU.replyTo("SET VARIABLE");
    static final String EXECUTED = MENU.replyTo("EXEC Playback");
    static final String HUNG_UP_OK = MENU.replyTo("HANGUP");
    static final String GETDATA_GONE = IN_GETDATA.replyTo("GET DATA"); // 200 result=-1
    static final String STREAM_GONE = MIDFLOW.replyTo("STREAM FILE"); // 200 result=-1 endpos=20000
    static final String DEAD = MIDFLOW.replyTo("SAY DIGITS"); // 511 ...
    static final String VERBOSE = MENU.replyTo("VERBOSE");

    /** What one call did: every command the IVR sent, in order. */
    public record CallLog(List<String> commands, boolean serverClosed) {
        public boolean sent(String prefix) {
            return commands.stream().anyMatch(c -> c.startsWith(prefix));
        }

        public long count(String prefix) {
            return commands.stream().filter(c -> c.startsWith(prefix)).count();
        }
    }

    private final Deque<String> presses = new ArrayDeque<>();
    private String hangUpAt;
    private int hangUpOccurrence = 1;
    private boolean exitOnHangup;
    private String callerId = "5550100";
    private String script = "ivr";

    public static FakeAsterisk caller() {
        return new FakeAsterisk();
    }

    public FakeAsterisk presses(String... inputs) {
        presses.addAll(List.of(inputs));
        return this;
    }

    public FakeAsterisk from(String callerId) {
        this.callerId = callerId;
        return this;
    }

    public FakeAsterisk script(String script) {
        this.script = script;
        return this;
    }

    /** The caller hangs up during the n-th command starting with {@code prefix}. */
    public FakeAsterisk hangsUpDuring(String prefix, int occurrence) {
        this.hangUpAt = prefix;
        this.hangUpOccurrence = occurrence;
        return this;
    }

    public FakeAsterisk hangsUpDuring(String prefix) {
        return hangsUpDuring(prefix, 1);
    }

    /** AGIEXITONHANGUP=yes: after the hang-up, HANGUP is sent and the socket closed at once. */
    public FakeAsterisk exitOnHangup() {
        this.exitOnHangup = true;
        return this;
    }

    /** Places the call and returns when the IVR closes the connection. */
    public CallLog call(int port, String uniqueId) throws IOException {
        List<String> commands = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder env = new StringBuilder();
            for (String line : MENU.agiEnvironment()) {
                env.append(environmentLine(line, port, uniqueId)).append('\n');
            }
            env.append('\n');
            send(out, env.toString());
            boolean dead = false;
            boolean hangupSent = false;
            String line;
            while ((line = in.readLine()) != null) {
                line = line.replaceAll("\"([^\" ]+)\"", "$1");
                commands.add(line);
                String upper = line.toUpperCase(Locale.ROOT);
                String at = hangUpAt == null ? null : hangUpAt.toUpperCase(Locale.ROOT);
                if (!dead && at != null && upper.startsWith(at)
                        && commands.stream().filter(c -> c.toUpperCase(Locale.ROOT).startsWith(at)).count() == hangUpOccurrence) {
                    dead = true;
                    if (upper.startsWith("ANSWER")) {
                        hangupSent = true;
                        send(out, "HANGUP\n" + DEAD + "\n");
                        continue;
                    }
                    send(out, (upper.startsWith("GET DATA") || upper.startsWith("WAIT FOR DIGIT") ? GETDATA_GONE
                            : upper.startsWith("RECORD FILE") ? "200 result=-1 endpos=8000" : STREAM_GONE) + "\n");
                    continue;
                }
                if (dead && !hangupSent) {
                    hangupSent = true;
                    if (exitOnHangup) {
                        send(out, "HANGUP\n");
                        return new CallLog(commands, false);
                    }
                    send(out, "HANGUP\n" + deadReply(upper) + "\n");
                    continue;
                }
                send(out, (dead ? deadReply(upper) : reply(upper)) + "\n");
                if (upper.equals("HANGUP") && !dead) {
                    send(out, "HANGUP\n");
                    dead = true;
                    hangupSent = true;
                }
            }
            return new CallLog(commands, true);
        }
    }

    private String environmentLine(String line, int port, String uniqueId) {
        String key = line.substring(0, line.indexOf(':'));
        return switch (key) {
            case "agi_network_script" -> key + ": " + script;
            case "agi_request" -> key + ": agi://127.0.0.1:" + port + "/" + script;
            case "agi_uniqueid" -> key + ": " + uniqueId;
            case "agi_callerid" -> key + ": " + callerId;
            default -> line;
        };
    }

    private String reply(String command) {
        if (command.startsWith("ANSWER")) {
            return ANSWERED;
        } else if (command.startsWith("STREAM FILE") || command.startsWith("SAY NUMBER")) {
            return command.startsWith("SAY") ? SAID : PLAYED;
        } else if (command.startsWith("GET DATA")) {
            String input = presses.isEmpty() ? "" : presses.poll();
            if (input.isEmpty()) {
                return TIMEOUT;
            }
            if (input.endsWith("~")) {
                return PARTIAL.replace("12", input.substring(0, input.length() - 1));
            }
            return DIGITS.replace("987654", input);
        } else if (command.startsWith("SAY DIGITS")) {
            return SAID;
        } else if (command.startsWith("RECORD FILE")) {
            return RECORDED;
        } else if (command.startsWith("SET VARIABLE")) {
            return SET;
        } else if (command.startsWith("EXEC")) {
            return EXECUTED;
        } else if (command.startsWith("VERBOSE")) {
            return VERBOSE;
        } else if (command.equals("HANGUP")) {
            return HUNG_UP_OK;
        }
        return "510 Invalid or unknown command";
    }

    private String deadReply(String command) {
        if (command.startsWith("SET VARIABLE") || command.startsWith("VERBOSE")) {
            return SET;
        }
        if (command.startsWith("EXEC")) {
            return EXECUTED;
        }
        return DEAD;
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
