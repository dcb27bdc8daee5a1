package io.intake.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.MutableClock;
import org.HdrHistogram.Histogram;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness for the live-chat channel (issue #6), not a test. Starts {@link ChatTestApplication} in a separate
 * JVM ({@code -Xmx512m}, real core on embedded H2, per-address limits raised because every client is 127.0.0.1,
 * transcripts at the production interval of 30 s), then from this JVM opens N visitor sessions over real
 * WebSocket/STOMP 1.2, each starting a chat, and sends visitor messages at a fixed open-loop total rate spread evenly
 * over the sessions, each chat with its own {@code seq}. It measures message → {@code ack} latency from the scheduled
 * send time (so a late sender does not hide queueing), first for every session's first message (the warm-up: the
 * first message opens a ticket) and then, separately, for the measured window. At the end it forces a full GC in the
 * server and reads its heap with {@code jcmd}.
 * <p>
 * The visitors are a lean STOMP client on the JDK's {@link java.net.http.WebSocket} (one shared {@link HttpClient},
 * one selector thread, a small callback pool) rather than 2,000 Spring {@code WebSocketStompClient}s, so that the
 * load generator takes as little as possible of the two cores it shares with the server. It speaks the same frames as
 * {@code StompClient}: CONNECT (no heart-beats), SUBSCRIBE {@code /user/queue/chat}, SEND {@code /app/chat/...}.
 * <p>
 * The server runs through {@link Server}, which is {@code ChatTestApplication} whose test clock is made to tick in
 * real time from {@link ChatTestApplication#OPEN} (10:00 in Chicago, chat open): with the frozen test clock the rate
 * limiters would never refill and transcripts would never fall due, so the server would do less than in production.
 * <p>
 * Run from the repository root, without installing: {@code ./mvnw -o -q -pl channel-chat -am test-compile}, then
 * {@code ./mvnw -o -q -pl channel-chat dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/bench.classpath} and {@code cd channel-chat && java -Xmx1g -cp
 * target/test-classes:target/classes:<that classpath> io.intake.chat.ChatLoadHarness [sessions=2000] [rate=200]
 * [seconds=60] [server arguments...]} ({@code scripts/bench channel-chat main io.intake.chat.ChatLoadHarness} does the
 * same after an install). Files: {@code target/chatbench-server.log} (the server's output) and
 * {@code target/chatbench-gc.log} (its GC log).
 */
public final class ChatLoadHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final String[] TEXTS = {
            "The handset in room %d shows no service since this morning; the others work.",
            "Calls to the main number drop after a few seconds, site %d.",
            "Voicemail light keeps blinking on desk %d but there is no message.",
            "Can you add a new extension for the new colleague in office %d?",
    };

    private ChatLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        List<String> extra = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();

        Files.createDirectories(Path.of("target"));
        int port = freePort();
        System.out.printf(Locale.ROOT, "chat load: %d sessions, %.0f messages/s for %d s, %d cores, load average %s%n",
                sessions, rate, seconds, Runtime.getRuntime().availableProcessors(), loadAverage());
        ServerProcess server = ServerProcess.start(port, sessions, extra);
        Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
        ExecutorService callbacks = Executors.newFixedThreadPool(2, daemon("chatbench-ws-"));
        HttpClient http = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(10)).build();
        List<Visitor> visitors = new ArrayList<>();
        try {
            server.awaitReady(http, Duration.ofSeconds(120));
            System.out.printf(Locale.ROOT, "server pid %d on 127.0.0.1:%d ready; load average %s%n", server.pid(), port,
                    loadAverage());

            // ---- open the sessions, each starting a chat
            long t0 = System.nanoTime();
            Semaphore inFlight = new Semaphore(32);
            CountDownLatch started = new CountDownLatch(sessions);
            URI ws = URI.create("ws://127.0.0.1:" + port + "/chat/ws");
            for (int i = 0; i < sessions; i++) {
                Visitor v = new Visitor(i, seconds, rate, sessions);
                visitors.add(v);
                inFlight.acquire();
                v.open(http, ws).whenComplete((ok, e) -> {
                    inFlight.release();
                    if (e != null) {
                        v.fail("open: " + e);   // completes v.started, which counts down
                    }
                });
                v.started.whenComplete((ok, e) -> started.countDown());
            }
            if (!started.await(300, TimeUnit.SECONDS)) {
                System.out.println("not all sessions started within 300 s");
            }
            long openMillis = (System.nanoTime() - t0) / 1_000_000;
            long open = visitors.stream().filter(v -> v.chatId != null).count();
            System.out.printf(Locale.ROOT, "sessions: %d of %d open with a started chat in %.1f s%s%n", open, sessions,
                    openMillis / 1000.0, firstProblems(visitors));
            server.checkAlive();

            // ---- warm-up: every session's first message (it opens the chat's ticket), at the same rate
            Phase warm = new Phase("warm-up (first message of each chat: opens its ticket)");
            List<Visitor> live = visitors.stream().filter(v -> v.chatId != null).toList();
            runPhase(warm, live, rate, live.size());
            warm.drain(Duration.ofSeconds(60));
            awaitTickets(live, Duration.ofSeconds(60));
            Thread.sleep(2000);
            server.checkAlive();

            // ---- the measured window
            System.out.printf(Locale.ROOT, "measured window starts; load average %s%n", loadAverage());
            Phase measured = new Phase("measured window");
            long serverCpu0 = server.cpuNanos();
            long ownCpu0 = ownCpuNanos();
            long total = Math.round(rate * seconds);
            runPhase(measured, live, rate, total);
            long serverCpu = server.cpuNanos() - serverCpu0;
            long ownCpu = ownCpuNanos() - ownCpu0;
            double windowSeconds = measured.sendSeconds();
            measured.drain(Duration.ofSeconds(30));
            String loadAfter = loadAverage();

            // ---- heap
            server.checkAlive();
            String heap = server.heapAfterFullGc();
            String peak = server.peakHeapAfterGc();

            System.out.println();
            System.out.println(warm.report());
            System.out.println(measured.report());
            System.out.printf(Locale.ROOT, "CPU during the window: server %.2f cores, harness %.2f cores (of %d)%n",
                    serverCpu / 1e9 / windowSeconds, ownCpu / 1e9 / windowSeconds,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "load average at the end of the window: %s%n", loadAfter);
            System.out.println("server heap after a full GC at the end (jcmd GC.run; GC.heap_info): " + heap);
            System.out.println("server heap after GC, highest during the run (GC log): " + peak);
            boolean alive = server.alive();
            boolean oom = server.sawOutOfMemory();
            System.out.println("server within -Xmx512m: " + (alive && !oom ? "yes (alive, no OutOfMemoryError)"
                    : "NO (" + (alive ? "" : "process ended; ") + (oom ? "OutOfMemoryError in its log" : "") + ")"));
            System.out.println("server log: " + server.warnings() + " (target/chatbench-server.log)");
            long still = visitors.stream().filter(v -> v.chatId != null && v.closed).count();
            System.out.println("sessions closed by the server during the run: " + still);
            Histogram h = measured.histogram;
            boolean pass = open == sessions && measured.errors.get() == 0 && measured.acked.get() == measured.sent.get()
                    && measured.sent.get() / windowSeconds >= rate * 0.99
                    && h.getValueAtPercentile(99) < TimeUnit.MILLISECONDS.toNanos(50) && alive && !oom;
            System.out.printf(Locale.ROOT, "aim (%d sessions, %.0f msg/s, p99 < 50 ms, heap < 512 MB): %s%n", sessions,
                    rate, pass ? "MET" : "NOT MET");
        } finally {
            for (Visitor v : visitors) {
                v.abort();
            }
            server.kill();
            callbacks.shutdownNow();
        }
    }

    /** Sends {@code total} messages at {@code rate}/s, round-robin over the visitors, each its next seq. */
    private static void runPhase(Phase phase, List<Visitor> visitors, double rate, long total) {
        long interval = Math.round(1e9 / rate);
        long start = System.nanoTime() + 1_000_000;
        phase.start = start;
        long maxLag = 0;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            maxLag = Math.max(maxLag, now - due);
            Visitor v = visitors.get((int) (i % visitors.size()));
            v.sendNext(phase, due);
        }
        phase.end = System.nanoTime();
        phase.maxSenderLag = maxLag;
    }

    private static void awaitTickets(List<Visitor> visitors, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && visitors.stream().anyMatch(v -> v.ticket == null)) {
            Thread.sleep(200);
        }
        long withTicket = visitors.stream().filter(v -> v.ticket != null).count();
        System.out.printf(Locale.ROOT, "tickets opened: %d of %d chats%n", withTicket, visitors.size());
    }

    private static String firstProblems(List<Visitor> visitors) {
        List<String> problems = visitors.stream().map(v -> v.problem).filter(p -> p != null).limit(3).toList();
        return problems.isEmpty() ? "" : "; first problems: " + problems;
    }

    // ------------------------------------------------------------------------------------------------ measurement

    /** One run of sends: counts and the latency histogram (nanoseconds, from the scheduled send time to the ack). */
    static final class Phase {
        final String name;
        final Histogram histogram = new Histogram(MAX_LATENCY_NANOS, 3);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong acked = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Map<String, AtomicLong> errorCodes = new ConcurrentHashMap<>();
        volatile long start;
        volatile long end;
        volatile long maxSenderLag;
        volatile long lastAck;

        Phase(String name) {
            this.name = name;
        }

        synchronized void record(long nanos) {
            histogram.recordValue(Math.min(nanos, MAX_LATENCY_NANOS));
        }

        void error(String code) {
            errors.incrementAndGet();
            errorCodes.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
        }

        double sendSeconds() {
            return (end - start) / 1e9;
        }

        void drain(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (acked.get() + errors.get() < sent.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        synchronized String report() {
            double s = sendSeconds();
            long unanswered = sent.get() - acked.get() - errors.get();
            return String.format(Locale.ROOT, "%s: %d sent in %.2f s = %.1f/s achieved, %d acked, %d errors %s, "
                            + "%d unanswered; sender late by at most %.1f ms%n"
                            + "  ack latency (from scheduled send): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, "
                            + "max %.2f ms, mean %.2f ms; last ack %.2f s after the last send",
                    name, sent.get(), s, sent.get() / s, acked.get(), errors.get(), errorCodes, unanswered,
                    maxSenderLag / 1e6,
                    ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                    ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)),
                    ms(histogram.getMaxValue()), histogram.getMean() / 1e6,
                    lastAck == 0 ? Double.NaN : (lastAck - end) / 1e9);
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }

    // ------------------------------------------------------------------------------------------------ the visitors

    /** One visitor connection: a minimal STOMP 1.2 client over the JDK's WebSocket. */
    static final class Visitor implements WebSocket.Listener {
        final int index;
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final CompletableFuture<Void> started = new CompletableFuture<>();
        final AtomicLongArray sentAt;
        final AtomicReferenceArray<Phase> phaseOf;
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile String chatId;
        volatile String ticket;
        volatile String problem;
        volatile boolean closed;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private int seq;

        Visitor(int index, int seconds, double rate, int sessions) {
            this.index = index;
            int maxSeq = (int) Math.ceil(rate * seconds / sessions) + 3;
            this.sentAt = new AtomicLongArray(maxSeq + 1);
            this.phaseOf = new AtomicReferenceArray<>(maxSeq + 1);
        }

        CompletableFuture<Void> open(HttpClient http, URI uri) {
            return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, this)
                    .thenCompose(ws -> {
                        socket = ws;
                        send("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\n\n\0");
                        return connected;
                    })
                    .thenRun(() -> {
                        send("SUBSCRIBE\nid:0\ndestination:/user/queue/chat\n\n\0");
                        sendJson("/app/chat/start", "{\"name\":\"Visitor " + index + "\",\"email\":\"visitor" + index
                                + "@example.com\",\"account\":\"" + (10000 + index) + "\",\"site\":\"Site " + index % 50
                                + "\"}");
                    })
                    .thenCompose(x -> started);
        }

        void sendNext(Phase phase, long scheduled) {
            int s;
            synchronized (this) {
                s = ++seq;
            }
            if (s >= sentAt.length() || closed) {
                phase.sent.incrementAndGet();
                phase.error(closed ? "closed_connection" : "seq_overflow");
                return;
            }
            phaseOf.set(s, phase);
            sentAt.set(s, scheduled);
            phase.sent.incrementAndGet();
            String text = String.format(Locale.ROOT, TEXTS[(index + s) % TEXTS.length], index);
            sendJson("/app/chat/message", "{\"seq\":" + s + ",\"text\":\"" + text + "\"}");
        }

        private void sendJson(String destination, String json) {
            int length = json.getBytes(StandardCharsets.UTF_8).length;
            send("SEND\ndestination:" + destination + "\ncontent-type:application/json\ncontent-length:" + length
                    + "\n\n" + json + "\0");
        }

        /** The JDK WebSocket allows one outstanding send: chain them. */
        private synchronized void send(String frame) {
            WebSocket ws = socket;
            sending = sending.thenCompose(x -> ws.sendText(frame, true)).exceptionally(e -> {
                fail("send: " + e);
                return null;
            });
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                try {
                    frame(frame);
                } catch (RuntimeException | IOException e) {
                    fail("frame: " + e);
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            return onText(webSocket, new String(b, StandardCharsets.UTF_8), last);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            fail("closed by the server: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            fail("error: " + error);
        }

        private void frame(String frame) throws IOException {
            long now = System.nanoTime();
            int i = 0;
            while (i < frame.length() && (frame.charAt(i) == '\n' || frame.charAt(i) == '\r')) {
                i++;   // heart-beats
            }
            if (i == frame.length()) {
                return;
            }
            int eol = frame.indexOf('\n', i);
            String command = frame.substring(i, eol).strip();
            int blank = frame.indexOf("\n\n", i);
            int nul = frame.indexOf('\0', blank);
            String body = frame.substring(blank + 2, nul < 0 ? frame.length() : nul);
            switch (command) {
                case "CONNECTED" -> connected.complete(null);
                case "MESSAGE" -> message(JSON.readTree(body), now);
                case "ERROR" -> fail("STOMP ERROR: " + frame.substring(i, Math.min(frame.length(), i + 300)));
                default -> {
                }
            }
        }

        private void message(JsonNode m, long now) {
            String type = m.path("type").asText();
            switch (type) {
                case "ack" -> {
                    int s = m.path("seq").asInt();
                    Phase p = s > 0 && s < phaseOf.length() ? phaseOf.get(s) : null;
                    long at = p == null ? 0 : sentAt.getAndSet(s, 0);
                    if (at != 0) {
                        p.record(now - at);
                        p.acked.incrementAndGet();
                        p.lastAck = now;
                    }
                }
                case "started" -> {
                    chatId = m.path("chat_id").asText();
                    started.complete(null);
                }
                case "ticket" -> ticket = m.path("number").asText();
                case "notice", "delivered", "message", "agent", "typing" -> {
                }
                default -> {
                    // error, closed, ended, ...: the message is answered, not acknowledged
                    String code = type.equals("error") ? m.path("code").asText() : type;
                    int s = m.path("seq").asInt(0);
                    if (s > 0 && s < phaseOf.length()) {
                        Phase p = phaseOf.get(s);
                        if (p != null && sentAt.getAndSet(s, 0) != 0) {
                            p.error(code);
                            return;
                        }
                    }
                    fail(m.toString());
                }
            }
        }

        void fail(String what) {
            if (problem == null) {
                problem = "visitor " + index + ": " + what;
            }
            if (!started.isDone()) {
                started.completeExceptionally(new IllegalStateException(what));
            }
            connected.completeExceptionally(new IllegalStateException(what));
        }

        void abort() {
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the server

    /** The chat server in its own JVM. */
    static final class ServerProcess {
        private final Process process;
        private final int port;
        private final File log;
        private final File gcLog;

        private ServerProcess(Process process, int port, File log, File gcLog) {
            this.process = process;
            this.port = port;
            this.log = log;
            this.gcLog = gcLog;
        }

        static ServerProcess start(int port, int sessions, List<String> extra) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            File log = Path.of("target", "chatbench-server.log").toFile();
            File gcLog = Path.of("target", "chatbench-gc.log").toFile();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                    "-Xlog:gc:file=" + gcLog.getPath() + ":uptime",
                    "-cp", System.getProperty("java.class.path"), Server.class.getName(),
                    "--server.port=" + port,
                    "--intake.chat.max-open-chats=" + Math.max(5000, sessions * 2),
                    // every visitor is 127.0.0.1: the per-address limits would count them all as one client
                    "--intake.chat.limits.starts-per-minute=1000000",
                    "--intake.chat.limits.start-burst=100000",
                    "--intake.chat.limits.address-messages-per-minute=100000000",
                    "--intake.chat.limits.address-message-burst=1000000",
                    "--intake.chat.limits.messages-per-minute=100000",
                    "--intake.chat.limits.message-burst=1000",
                    // the production interval (the test settings have 2 s)
                    "--intake.chat.transcript-interval=30s",
                    "--logging.level.root=WARN",
                    "--logging.level.io.intake=WARN",
                    "--logging.level.org.apache.camel=WARN"));
            command.addAll(extra);
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
            return new ServerProcess(p, port, log, gcLog);
        }

        long pid() {
            return process.pid();
        }

        void awaitReady(HttpClient http, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                checkAlive();
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/chat/status")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        if (!JSON.readTree(r.body()).path("open").asBoolean()) {
                            throw new IllegalStateException("the server says chat is closed: " + r.body());
                        }
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("the server did not answer within " + timeout);
        }

        boolean alive() {
            return process.isAlive();
        }

        void checkAlive() {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
        }

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        /** {@code jcmd GC.run} (a full GC), then the used heap from {@code GC.heap_info}. */
        String heapAfterFullGc() throws Exception {
            jcmd("GC.run");
            String info = jcmd("GC.heap_info");
            Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
            if (!m.find()) {
                return "unreadable: " + info.strip();
            }
            return String.format(Locale.ROOT, "%.1f MB used of %.1f MB committed (max 512 MB)",
                    Long.parseLong(m.group(2)) / 1024.0, Long.parseLong(m.group(1)) / 1024.0);
        }

        /** The highest heap left after any collection, and the highest before one, from the GC log. */
        String peakHeapAfterGc() throws IOException {
            Pattern pause = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
            long after = 0;
            long before = 0;
            long committed = 0;
            int count = 0;
            for (String line : Files.readAllLines(gcLog.toPath())) {
                Matcher m = pause.matcher(line);
                if (m.find()) {
                    count++;
                    before = Math.max(before, Long.parseLong(m.group(1)));
                    after = Math.max(after, Long.parseLong(m.group(2)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                }
            }
            return String.format(Locale.ROOT, "%d MB (highest before a collection %d MB, committed at most %d MB; %d "
                    + "collections)", after, before, committed, count);
        }

        private String jcmd(String what) throws Exception {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(process.pid()), what).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        }

        boolean sawOutOfMemory() throws IOException {
            return Files.readString(log.toPath()).contains("OutOfMemoryError");
        }

        String warnings() throws IOException {
            List<String> lines = Files.readAllLines(log.toPath());
            long warn = lines.stream().filter(l -> l.contains(" WARN ")).count();
            long error = lines.stream().filter(l -> l.contains(" ERROR ")).count();
            return warn + " WARN and " + error + " ERROR lines";
        }

        void kill() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(15, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * The server's main: {@link ChatTestApplication} with its test clock ticking in real time from where it starts
     * ({@link ChatTestApplication#OPEN} unless {@code --intake.clock.fixed} says otherwise).
     */
    public static final class Server {
        private Server() {
        }

        public static void main(String[] args) {
            ConfigurableApplicationContext app = SpringApplication.run(ChatTestApplication.class, args);
            MutableClock clock = app.getBean(MutableClock.class);
            Instant base = clock.instant();
            long t0 = System.nanoTime();
            Thread ticker = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    clock.set(base.plusNanos(System.nanoTime() - t0));
                    LockSupport.parkNanos(5_000_000);
                }
            }, "chatbench-clock");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
