package io.intake.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Asterisk's manager interface, replayed from the captured transcripts over a real socket with CRLF line ends: the
 * banner, Login (success, or "Authentication failed" and a disconnect), PJSIPShowContacts (the captured list), async
 * Originate ("queued", then OriginateResponse Success or Failure), Logoff, and events pushed by the test.
 */
public final class FakeAmi implements AutoCloseable {

    static final Transcript LOGIN_OK = Transcript.load("ami-login-success.txt");
    static final Transcript LOGIN_FAILED = Transcript.load("ami-login-failure.txt");
    static final Transcript REGISTRATIONS = Transcript.load("ami-registration-two-sites.txt");
    static final Transcript MIXED = Transcript.load("ami-pjsip-show-mixed.txt");
    static final Transcript ALL_REACHABLE = Transcript.load("ami-pjsip-show-all-reachable.txt");
    static final Transcript ORIGINATE = Transcript.load("ami-originate-local.txt");
    static final Transcript SHUTDOWN = Transcript.load("ami-shutdown.txt");

    private final ServerSocket server;
    private final String secret;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final List<Boolean> originateOutcomes = new CopyOnWriteArrayList<>();
    private volatile List<List<String>> contacts = byActionId(ALL_REACHABLE, "contacts-1");

    public FakeAmi(String secret) throws IOException {
        this.secret = secret;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "fake-ami");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The response, items and Complete event PJSIPShowContacts answers (ActionID replaced). */
    public void contacts(List<List<String>> messages) {
        this.contacts = messages;
    }

    /** Outcomes of the next Originates: true = Success (Reason 4), false = Failure (Reason 0). */
    public void originateOutcomes(Boolean... outcomes) {
        originateOutcomes.addAll(List.of(outcomes));
    }

    public List<Map<String, String>> actions() {
        return actions;
    }

    public long actionCount(String action) {
        return actions.stream().filter(a -> action.equalsIgnoreCase(a.get("Action"))).count();
    }

    public int logins() {
        return logins.get();
    }

    public int connections() {
        return (int) connections.stream().filter(s -> !s.isClosed()).count();
    }

    /** Sends one event (its header lines) to every logged-in connection. */
    public void emit(List<String> event) {
        for (Socket s : connections) {
            try {
                write(s, event);
            } catch (IOException e) {
                // a dropped connection; the client reconnects
            }
        }
    }

    /** Drops every connection, as a restarting Asterisk does. */
    public void dropConnections() throws IOException {
        for (Socket s : connections) {
            s.close();
        }
        connections.clear();
    }

    /** The captured Shutdown event, then EOF. */
    public void shutdownAsterisk() throws IOException {
        List<String> shutdown = SHUTDOWN.serverMessages().stream().filter(m -> m.get(0).equals("Event: Shutdown"))
                .findFirst().orElseThrow();
        emit(shutdown);
        dropConnections();
    }

    /** Messages of a transcript answering one action id. */
    public static List<List<String>> byActionId(Transcript t, String actionId) {
        return t.serverMessages().stream().filter(m -> m.contains("ActionID: " + actionId)).collect(Collectors.toList());
    }

    /** A registration event: the captured ContactStatus or PeerStatus for an endpoint, with the status replaced. */
    public static List<String> contactStatus(String endpoint, String status) {
        List<String> template = REGISTRATIONS.serverMessages().stream()
                .filter(m -> m.get(0).equals("Event: ContactStatus")).findFirst().orElseThrow();
        return template.stream().map(l -> l.replace("site-a-101", endpoint)
                .replaceFirst("^ContactStatus: .*", "ContactStatus: " + status)).collect(Collectors.toList());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "fake-ami-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            out.write((LOGIN_OK.banner() + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            Map<String, String> action;
            while ((action = readAction(in)) != null) {
                actions.add(action);
                String id = action.getOrDefault("ActionID", "");
                String name = action.getOrDefault("Action", "");
                switch (name.toLowerCase()) {
                    case "login" -> {
                        logins.incrementAndGet();
                        if (!secret.equals(action.get("Secret"))) {
                            write(s, withId(LOGIN_FAILED.serverMessages().get(0), id));
                            return;
                        }
                        write(s, withId(LOGIN_OK.serverMessages().get(0), id));
                        connections.add(s);
                        write(s, REGISTRATIONS.serverMessages().get(1)); // FullyBooted
                    }
                    case "pjsipshowcontacts" -> {
                        for (List<String> m : contacts) {
                            write(s, withId(m, id));
                        }
                    }
                    case "originate" -> originate(s, id);
                    case "logoff" -> {
                        write(s, withId(LOGIN_OK.serverMessages().get(LOGIN_OK.serverMessages().size() - 1), id));
                        return;
                    }
                    default -> write(s, withId(byActionId(LOGIN_OK, "bad-1").get(0), id));
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            connections.remove(s);
        }
    }

    private void originate(Socket s, String id) throws IOException {
        write(s, withId(byActionId(ORIGINATE, "orig-1").get(0), id)); // Originate successfully queued
        boolean success = originateOutcomes.isEmpty() || originateOutcomes.remove(0);
        String from = success ? "orig-1" : "orig-2";
        List<String> response = ORIGINATE.serverMessages().stream()
                .filter(m -> m.get(0).equals("Event: OriginateResponse") && m.contains("ActionID: " + from))
                .findFirst().orElseThrow();
        write(s, withId(response, id));
    }

    private static List<String> withId(List<String> message, String id) {
        List<String> copy = new ArrayList<>();
        for (String line : message) {
            copy.add(line.startsWith("ActionID: ") ? "ActionID: " + id : line);
        }
        return copy;
    }

    private static void write(Socket s, List<String> message) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : message) {
            text.append(line).append("\r\n");
        }
        text.append("\r\n");
        synchronized (s) {
            OutputStream out = s.getOutputStream();
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static Map<String, String> readAction(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder();
        int b;
        int previous = -1;
        while ((b = in.read()) != -1) {
            if (b == '\n' && previous == '\r') {
                String text = line.substring(0, line.length() - 1);
                line.setLength(0);
                if (text.isEmpty()) {
                    if (!headers.isEmpty()) {
                        return headers;
                    }
                } else {
                    int colon = text.indexOf(':');
                    headers.put(text.substring(0, colon), text.substring(colon + 1).strip());
                }
            } else {
                line.append((char) b);
            }
            previous = b;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
