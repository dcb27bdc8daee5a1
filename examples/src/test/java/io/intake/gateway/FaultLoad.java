package io.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.gateway.Acks.Channel;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mixed load on the four channels during one fault, from client threads that behave as real clients do when the
 * gateway fails them: a web client posts again with the same {@code Idempotency-Key}; a chat visitor reconnects,
 * resumes and resends what was not acknowledged; a caller who heard no ticket number hangs up and calls again (a new
 * call); a mail the mail server did not accept is sent again (the same Message-ID, as a queueing MTA would). What was
 * never acknowledged is not counted. Rates are modest (a few requests a second per channel) to fit two shared cores.
 */
final class FaultLoad {

    /** Where the clients connect. */
    record Target(int webPort, int agiPort, int smtpPort) {
    }

    static final int CHAT_VISITORS = 3;
    static final int MESSAGES_PER_CHAT = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Call ids (the ticket's source reference) are unique over the whole run. */
    private static final AtomicLong CALLS = new AtomicLong();

    private final String run;
    private final String fault;
    private final Target target;
    private final Acks acks;
    private final List<Thread> threads = new ArrayList<>();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final WebSocketStompClient stomp = ChatVisitor.stompClient();
    private volatile boolean stopping;
    private volatile long giveUpAt = Long.MAX_VALUE;

    FaultLoad(String run, String fault, Target target, Acks acks) {
        this.run = run;
        this.fault = fault;
        this.target = target;
        this.acks = acks;
    }

    FaultLoad start() {
        threads.add(new Thread(this::web, "load-web-" + fault));
        for (int v = 1; v <= CHAT_VISITORS; v++) {
            int visitor = v;
            threads.add(new Thread(() -> chat(visitor), "load-chat-" + v + "-" + fault));
        }
        threads.add(new Thread(this::phone, "load-phone-" + fault));
        threads.add(new Thread(this::mail, "load-mail-" + fault));
        threads.forEach(Thread::start);
        return this;
    }

    /** No new requests; what is in flight is retried for at most {@code finish}, then given up (and not counted). */
    void stop(Duration finish) throws InterruptedException {
        giveUpAt = System.nanoTime() + finish.toNanos();
        stopping = true;
        for (Thread t : threads) {
            t.join(finish.toMillis() + 30_000);
            if (t.isAlive()) {
                problems.add(t.getName() + " did not stop");
                t.interrupt();
            }
        }
    }

    /** What went wrong in a way no fault explains (a refusal, an unexpected answer). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private boolean givingUp() {
        return stopping && System.nanoTime() > giveUpAt;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);   // pacing of the load, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------------ web

    private void web() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 1; !stopping && !Thread.currentThread().isInterrupted(); i++) {
            String token = "[" + fault + "-web-" + i + "]";
            String body;
            try {
                body = JSON.writeValueAsString(Map.of("name", "Web Customer " + i, "email", "web" + i + "@customers.test",
                        "category", "how_to", "subject", "How do I forward calls to my mobile? " + token,
                        "description", "Please send the steps to forward calls after hours. " + token));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.webPort() + "/api/v1/tickets"))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", run + "-" + fault + "-web-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            while (!givingUp()) {
                try {
                    HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 201) {
                        acks.add(fault, Channel.WEB, token, JSON.readTree(answer.body()).path("number").asText());
                        break;
                    }
                    if (answer.statusCode() < 500 && answer.statusCode() != 408 && answer.statusCode() != 429) {
                        problems.add("web " + token + " answered " + answer.statusCode() + ": " + answer.body());
                        break;
                    }
                } catch (IOException e) {
                    // refused, reset or timed out: the gateway is away; post again with the same key
                } catch (InterruptedException e) {
                    return;
                }
                acks.retried(fault, Channel.WEB);
                pause(1000);
            }
            pause(400);
        }
    }

    // ----------------------------------------------------------------------------------------------------- chat

    private void chat(int visitor) {
        for (int c = 1; !stopping && !Thread.currentThread().isInterrupted(); c++) {
            try {
                oneChat(visitor, c);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String chatToken(int visitor, int chat, int seq) {
        return "[" + fault + "-chat-" + visitor + "-" + chat + "-" + seq + "]";
    }

    /** Starts a chat, writes its messages one at a time (each waits for its ack), and ends it. */
    private void oneChat(int visitor, int chat) throws InterruptedException {
        ChatVisitor v = null;
        String chatId = null;
        String resumeToken = null;
        int acked = 0;
        int sent = 0;
        try {
            while (acked < MESSAGES_PER_CHAT && !(stopping && acked >= sent) && !givingUp()) {
                if (v == null || !v.connected()) {
                    if (v != null) {
                        v.close();
                        acks.retried(fault, Channel.CHAT);
                    }
                    v = connectQuietly();
                    if (v == null) {
                        pause(1000);
                        continue;
                    }
                    if (chatId == null) {
                        v.send("/app/chat/start", Map.of("name", "Chat Visitor " + visitor, "email",
                                "chat" + visitor + "@customers.test", "account", "10442", "site", "Main office"));
                        JsonNode started = v.await(m -> m.path("type").asText().matches("started|closed|error"), 8000);
                        if (started == null || !"started".equals(started.path("type").asText())) {
                            if (started != null && !started.path("code").asText().matches("unavailable|rate_limited")) {
                                problems.add("chat start answered " + started);
                            }
                            acks.retried(fault, Channel.CHAT);
                            v.close();
                            v = null;
                            pause(1000);
                            continue;
                        }
                        chatId = started.path("chat_id").asText();
                        resumeToken = started.path("resume_token").asText();
                    } else {
                        v.send("/app/chat/resume", Map.of("chat_id", chatId, "resume_token", resumeToken, "last_id", 0));
                        JsonNode resumed = v.await(m -> m.path("type").asText().matches("resumed|error"), 8000);
                        if (resumed == null || !"resumed".equals(resumed.path("type").asText())) {
                            acks.retried(fault, Channel.CHAT);
                            v.close();
                            v = null;
                            pause(1000);
                            continue;
                        }
                        if (!"active".equals(resumed.path("state").asText()) && !"waiting".equals(resumed.path("state").asText())) {
                            problems.add("chat " + chatId + " resumed as " + resumed);
                            return;
                        }
                    }
                }
                int seq = acked + 1;
                String text = "Message " + seq + " about the hold music at the front desk " + chatToken(visitor, chat, seq);
                v.send("/app/chat/message", Map.of("seq", seq, "text", text));
                sent = Math.max(sent, seq);
                JsonNode answer = v.await(m -> m.path("seq").asInt() == seq && m.path("type").asText().matches("ack|error")
                        || "ended".equals(m.path("type").asText()), 8000);
                if (answer == null) {
                    v.close();   // no answer: treat the connection as lost, then reconnect, resume and resend
                    continue;
                }
                String type = answer.path("type").asText();
                if (type.equals("ack")) {
                    acks.add(fault, Channel.CHAT, chatToken(visitor, chat, seq), null);
                    acked = seq;
                    pause(900);
                } else if (type.equals("ended")) {
                    problems.add("chat " + chatId + " ended under its visitor: " + answer);
                    return;
                } else {
                    String code = answer.path("code").asText();
                    if (!code.equals("unavailable") && !code.equals("rate_limited")) {
                        problems.add("chat " + chatId + " message " + seq + " answered " + answer);
                        return;
                    }
                    acks.retried(fault, Channel.CHAT);
                    pause(Math.max(1000, answer.path("retry_after_ms").asLong(0)));
                }
            }
            if (v != null && v.connected() && chatId != null) {
                v.send("/app/chat/end", Map.of());
                v.await(m -> "ended".equals(m.path("type").asText()), 5000);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            problems.add("chat visitor " + visitor + ": " + e);
        } finally {
            if (v != null) {
                v.close();
            }
        }
    }

    private ChatVisitor connectQuietly() throws InterruptedException {
        try {
            return ChatVisitor.connect(stomp, target.webPort());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------- phone

    private void phone() {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            String callId = run + "." + CALLS.incrementAndGet();
            String heard = FakeAsteriskCall.place(target.agiPort(), callId);
            if (heard != null) {
                acks.add(fault, Channel.PHONE, callId, heard);
            } else {
                acks.retried(fault, Channel.PHONE);   // no number heard: the caller hangs up and calls again
                pause(1000);
            }
            pause(600);
        }
    }

    // ----------------------------------------------------------------------------------------------------- mail

    private void mail() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(target.smtpPort()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        for (int i = 1; !stopping && !Thread.currentThread().isInterrupted(); i++) {
            String token = "[" + fault + "-mail-" + i + "]";
            String sender = "mail-" + fault + "-" + i + "@customers.test";
            MimeMessage mail;
            try {
                mail = new FixedIdMessage(session, "<" + run + "." + fault + ".mail." + i + "@customers.test>");
                mail.setFrom("Mail Customer " + i + " <" + sender + ">");
                mail.setRecipients(Message.RecipientType.TO, FaultMailServer.HELP);
                mail.setSubject("Voicemail greeting question " + token);
                mail.setText("How do I record a new voicemail greeting for the sales line? " + token);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
            while (!givingUp()) {
                try {
                    Transport.send(mail);
                    acks.add(fault, Channel.EMAIL, token, null);
                    break;
                } catch (MessagingException e) {
                    acks.retried(fault, Channel.EMAIL);   // the mail server is away: send again later
                    pause(1000);
                }
            }
            pause(700);
        }
    }

    /** Keeps its Message-ID when sent again, as a queueing mail server does. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
