package io.intake.telephony.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small AMI client over one TCP connection, speaking what Asterisk 22 sends (see the transcripts): a CRLF banner
 * line, CRLF header lines, an empty line ending each message, list actions answered by a response, one event per item
 * and a {@code ...Complete} event. Only a CRLF ends a line (one error message carries a bare LF before its CRLF).
 * Events not answering a pending action go to the event consumer, on the reader thread.
 */
final class AmiClient implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(AmiClient.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Duration timeout;
    private volatile boolean closed;

    private AmiClient(Socket socket, Duration timeout) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.timeout = timeout;
    }

    /** Connects and reads the banner; the reader thread starts with {@link #start}. */
    static AmiClient connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            AmiClient client = new AmiClient(socket, timeout);
            String banner = client.readLine();
            if (banner == null || !banner.startsWith("Asterisk Call Manager/")) {
                throw new IOException("not an Asterisk manager interface at " + host + ":" + port + " (banner '" + banner + "')");
            }
            socket.setSoTimeout(0);
            return client;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Starts reading; {@code events} gets unsolicited events, {@code onClose} runs once when the connection ends. */
    void start(Consumer<AmiMessage> events, Runnable onClose, String name) {
        Thread reader = new Thread(() -> read(events, onClose), name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Logs in with events on; throws {@link AmiLoginFailed} when Asterisk refuses. */
    void login(String username, String secret) throws IOException {
        Map<String, String> action = new LinkedHashMap<>();
        action.put("Action", "Login");
        action.put("Username", username);
        action.put("Secret", secret);
        action.put("Events", "on");
        AmiMessage response = send(action);
        if (!response.isSuccess()) {
            throw new AmiLoginFailed("manager login as '" + username + "' refused: " + response.get("Message"));
        }
    }

    /** Sends an action and waits for its response. */
    AmiMessage send(Map<String, String> action) throws IOException {
        return await(sendAsync(action, false).response, action.get("Action"));
    }

    /** Sends a list action (PJSIPShowContacts) and waits for every item. */
    List<AmiMessage> sendList(Map<String, String> action) throws IOException {
        Pending p = sendAsync(action, true);
        AmiMessage response = await(p.response, action.get("Action"));
        if (!response.isSuccess()) {
            throw new IOException(action.get("Action") + " failed: " + response.get("Message"));
        }
        return await(p.items, action.get("Action"));
    }

    /** Sends an action; the future completes with its response. */
    CompletableFuture<AmiMessage> sendAsync(Map<String, String> action) throws IOException {
        return sendAsync(action, false).response;
    }

    private Pending sendAsync(Map<String, String> action, boolean list) throws IOException {
        String id = action.containsKey("ActionID") ? action.get("ActionID") : nextActionId();
        Pending p = new Pending(list);
        pending.put(id, p);
        StringBuilder text = new StringBuilder();
        action.forEach((k, v) -> {
            if (!k.equals("ActionID")) {
                text.append(k).append(": ").append(v).append("\r\n");
            }
        });
        text.append("ActionID: ").append(id).append("\r\n\r\n");
        try {
            synchronized (out) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            throw e;
        }
        p.response.thenAccept(r -> {
            if (!list || !r.isSuccess()) {
                pending.remove(id);
                p.items.complete(List.of());
            }
        });
        return p;
    }

    /** A fresh action id, for callers that must know it before the response (Originate). */
    static String nextActionId() {
        return "intake-" + IDS.incrementAndGet();
    }

    boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            log.trace("Closing the AMI socket: {}", e.getMessage());
        }
    }

    private <T> T await(CompletableFuture<T> future, String action) throws IOException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no answer to " + action + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IOException(action + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + action, e);
        }
    }

    private void read(Consumer<AmiMessage> events, Runnable onClose) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = readLine()) != null) {
                if (line.isEmpty()) {
                    if (!headers.isEmpty()) {
                        dispatch(new AmiMessage(headers), events);
                        headers = new LinkedHashMap<>();
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            if (!closed) {
                log.debug("AMI connection read failed: {}", e.getMessage());
            }
        } finally {
            close();
            IOException gone = new IOException("AMI connection closed");
            pending.values().forEach(p -> {
                p.response.completeExceptionally(gone);
                p.items.completeExceptionally(gone);
            });
            pending.clear();
            onClose.run();
        }
    }

    private void dispatch(AmiMessage message, Consumer<AmiMessage> events) {
        String id = message.actionId();
        Pending p = id == null ? null : pending.get(id);
        if (p != null && message.isResponse()) {
            p.response.complete(message);
        } else if (p != null && p.list && message.event() != null) {
            if ("Complete".equalsIgnoreCase(message.get("EventList"))) {
                pending.remove(id);
                p.items.complete(List.copyOf(p.collected));
            } else {
                p.collected.add(message);
            }
        } else if (message.event() != null) {
            try {
                events.accept(message);
            } catch (RuntimeException e) {
                log.warn("AMI event {} could not be handled: {}", message.event(), e.getMessage(), e);
            }
        }
    }

    /** One line ended by CRLF, without it; null at EOF. A bare LF stays in the line. */
    private String readLine() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        int previous = -1;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n' && previous == '\r') {
                byte[] bytes = buffer.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            buffer.write(b);
            previous = b;
        }
        return null;
    }

    private static final class Pending {
        final boolean list;
        final CompletableFuture<AmiMessage> response = new CompletableFuture<>();
        final CompletableFuture<List<AmiMessage>> items = new CompletableFuture<>();
        final List<AmiMessage> collected = new ArrayList<>();

        Pending(boolean list) {
            this.list = list;
        }
    }
}
