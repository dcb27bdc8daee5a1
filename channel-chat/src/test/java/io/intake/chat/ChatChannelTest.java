package io.intake.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.chat.internal.ChatStore;
import io.intake.core.IntakeCore;
import io.intake.core.MutableClock;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Real STOMP clients against the running application, with the clock moved through the chat hours. */
@SpringBootTest(classes = ChatTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatChannelTest {

    /** 17:55 in Chicago: five minutes before chat closes. */
    static final Instant BEFORE_CLOSING = Instant.parse("2026-11-25T23:55:00Z");
    /** 20:00 in Chicago: closed; it opens at 09:00 (15:00Z). */
    static final Instant CLOSED = Instant.parse("2026-11-26T02:00:00Z");

    @Value("${local.server.port}")
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    ChatStore store;
    @Autowired
    ChatService service;
    @Autowired
    IntakeCore core;

    private final List<StompClient> clients = new ArrayList<>();

    @BeforeEach
    void openHours() {
        clock.set(Instant.parse(ChatTestApplication.OPEN));
    }

    @AfterEach
    void disconnect() {
        clients.forEach(StompClient::close);
    }

    private StompClient visitor() throws Exception {
        StompClient c = StompClient.visitor(port);
        clients.add(c);
        return c;
    }

    private StompClient agent(String user) throws Exception {
        StompClient c = StompClient.agent(port, user, "portal-pass-2026");
        clients.add(c);
        return c;
    }

    private static Map<String, Object> form(String name) {
        return Map.of("name", name, "email", "pat@example.com", "account", "10442", "site", "Main office");
    }

    /** Starts a chat; returns the started message. */
    private static JsonNode start(StompClient c, String name) throws Exception {
        c.send("/app/chat/start", form(name));
        return c.await("started");
    }

    private Ticket ticket(String number) {
        return core.store().findTicket(TicketNumber.parse(number)).orElseThrow();
    }

    @Nested
    class Hours {

        @Test
        void insideTheHoursTheStatusSaysOpenAndAChatStarts() throws Exception {
            StompClient v = visitor();
            v.send("/app/chat/status", "{}");
            JsonNode status = v.await("status");
            assertThat(status.path("open").asBoolean()).isTrue();
            assertThat(status.path("closes_at").asText()).isEqualTo("2026-11-25T18:00-06:00");
            assertThat(status.path("outage_phone").asText()).isEqualTo("+1 555 0100");

            JsonNode started = start(v, "Pat O'Neil");
            assertThat(started.path("chat_id").asText()).hasSizeGreaterThan(16);
            assertThat(started.path("resume_token").asText()).hasSizeGreaterThan(32);
        }

        @Test
        void outsideTheHoursAStartIsRefusedWithTheNextOpeningAndTheStatusSaysSo() throws Exception {
            clock.set(CLOSED);
            StompClient v = visitor();
            v.send("/app/chat/start", form("Pat"));
            JsonNode closed = v.await("closed");
            assertThat(closed.path("open").asBoolean()).isFalse();
            assertThat(closed.path("opens_at").asText()).isEqualTo("2026-11-26T09:00-06:00");
            assertThat(closed.path("outage_phone").asText()).isEqualTo("+1 555 0100");

            HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/chat/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(http.statusCode()).isEqualTo(200);
            assertThat(StompClient.JSON.readTree(http.body()).path("open").asBoolean()).isFalse();
        }

        @Test
        void outsideTheHoursAVisitorCanLeaveAMessageThatBecomesATicket() throws Exception {
            clock.set(CLOSED);
            StompClient v = visitor();
            v.send("/app/chat/leave-message", Map.of("name", "Pat", "email", "pat@example.com",
                    "text", "Please call me back about adding two extensions.", "client_ref", "left-0001-abcdef"));
            JsonNode left = v.await("message_left");
            Ticket t = ticket(left.path("number").asText());
            assertThat(t.body()).contains("two extensions");
            assertThat(t.attributes()).containsEntry("chat.left_message", "true").containsEntry("chat.open", "false");

            v.send("/app/chat/leave-message", Map.of("name", "Pat", "email", "pat@example.com",
                    "text", "Please call me back about adding two extensions.", "client_ref", "left-0001-abcdef"));
            assertThat(v.await("message_left").path("number").asText()).as("a retried message is the same ticket")
                    .isEqualTo(left.path("number").asText());
        }

        @Test
        void aChatRunningAtClosingTimeGoesOnThroughTheGraceThenEnds() throws Exception {
            clock.set(BEFORE_CLOSING);
            StompClient v = visitor();
            start(v, "Late Larry");
            v.send("/app/chat/message", Map.of("seq", 1, "text", "Voicemail to email stopped working"));
            v.await("ack");

            clock.set(BEFORE_CLOSING.plus(Duration.ofMinutes(10)));   // 18:05: closed, inside the 15-minute grace
            v.send("/app/chat/message", Map.of("seq", 2, "text", "It was fine yesterday"));
            assertThat(v.await("ack").path("seq").asInt()).isEqualTo(2);
            StompClient late = visitor();
            late.send("/app/chat/start", form("Too late"));
            assertThat(late.await("closed").path("opens_at").asText()).isEqualTo("2026-11-26T09:00-06:00");
            service.sweep();
            assertThat(v.await(m -> "closing_soon".equals(m.path("code").asText()), "the closing notice")
                    .path("message").asText()).contains("18:15");

            clock.set(BEFORE_CLOSING.plus(Duration.ofMinutes(21)));  // 18:16: the grace is over
            v.send("/app/chat/message", Map.of("seq", 3, "text", "Hello?"));
            JsonNode refused = v.await("error");
            assertThat(refused.path("code").asText()).isEqualTo("closed");
            JsonNode ended = v.await("ended");
            assertThat(ended.path("reason").asText()).isEqualTo("closing_time");
            assertThat(ended.path("ticket").asText()).isNotBlank();
        }
    }

    @Nested
    class Messages {

        @Test
        void theFirstMessageOpensAClassifiedTicketAndEachIsAcknowledgedOnlyOnceStored() throws Exception {
            StompClient v = visitor();
            String chatId = start(v, "Pat O'Neil").path("chat_id").asText();

            v.send("/app/chat/message", Map.of("seq", 1, "text", "Every phone at the Main office is dead, callers get a fast busy"));
            assertThat(v.await("ack").path("seq").asInt()).isEqualTo(1);
            assertThat(store.find(chatId).orElseThrow().lastVisitorSeq()).as("stored before the ack").isEqualTo(1);

            JsonNode ticket = v.await("ticket");
            assertThat(ticket.path("severity").asText()).isEqualTo("CRITICAL");
            Ticket t = ticket(ticket.path("number").asText());
            assertThat(t.channel().wireName()).isEqualTo("chat");
            assertThat(t.requester().name()).isEqualTo("Pat O'Neil");
            assertThat(t.requester().account()).isEqualTo("10442");
            assertThat(t.body()).contains("fast busy");
        }

        @Test
        void laterMessagesReachTheTicketInBatchedTranscriptUpdates() throws Exception {
            StompClient v = visitor();
            String chatId = start(v, "Batch Bea").path("chat_id").asText();
            v.send("/app/chat/message", Map.of("seq", 1, "text", "Call park does not work on the reception phone"));
            assertThat(v.await("ack").path("seq").asInt()).isEqualTo(1);
            String number = v.await("ticket").path("number").asText();
            for (int seq = 2; seq <= 7; seq++) {
                v.send("/app/chat/message", Map.of("seq", seq, "text", "detail number " + seq));
                assertThat(v.await("ack").path("seq").asInt()).isEqualTo(seq);
            }
            v.send("/app/chat/end", "{}");
            v.await("ended");

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                List<TicketUpdate> updates = core.store().findUpdates(TicketNumber.parse(number));
                String all = updates.stream().map(TicketUpdate::body).reduce("", String::concat);
                for (int seq = 2; seq <= 7; seq++) {
                    assertThat(all).contains("Batch Bea: detail number " + seq);
                }
                assertThat(all).contains("Chat ended (visitor)");
                assertThat(updates).as("six messages are not six updates").hasSizeLessThanOrEqualTo(2);
            });
            assertThat(store.find(chatId).orElseThrow().transcriptPending()).isNull();
        }

        @Test
        void aResentMessageIsAcknowledgedAgainButStoredOnceAndAGapIsRefused() throws Exception {
            StompClient v = visitor();
            String chatId = start(v, "Dup Dan").path("chat_id").asText();
            v.send("/app/chat/message", Map.of("seq", 1, "text", "Transfer fails"));
            v.await("ack");
            v.send("/app/chat/message", Map.of("seq", 1, "text", "Transfer fails"));
            assertThat(v.await("ack").path("seq").asInt()).isEqualTo(1);
            v.send("/app/chat/message", Map.of("seq", 5, "text", "skipped ahead"));
            JsonNode gap = v.await("error");
            assertThat(gap.path("code").asText()).isEqualTo("seq");
            assertThat(gap.path("expected").asInt()).isEqualTo(2);

            assertThat(store.messages(chatId, 0, Integer.MAX_VALUE)).filteredOn(m -> m.visitorSeq() != null).hasSize(1);
        }

        @Test
        void aReconnectResumesTheSessionWithoutLosingOrDoublingMessages() throws Exception {
            StompClient first = visitor();
            JsonNode started = start(first, "Resume Rita");
            String chatId = started.path("chat_id").asText();
            first.send("/app/chat/message", Map.of("seq", 1, "text", "Outbound calls fail from every phone"));
            first.await("ack");
            first.send("/app/chat/message", Map.of("seq", 2, "text", "inbound is fine"));
            first.await("ack");
            first.close();

            StompClient again = visitor();
            again.send("/app/chat/resume", Map.of("chat_id", chatId, "resume_token", "wrong", "last_id", 0));
            assertThat(again.await("error").path("code").asText()).isEqualTo("bad_token");
            again.send("/app/chat/resume", Map.of("chat_id", chatId,
                    "resume_token", started.path("resume_token").asText(), "last_id", 0));
            JsonNode resumed = again.await("resumed");
            assertThat(resumed.path("last_seq").asInt()).isEqualTo(2);
            assertThat(resumed.path("state").asText()).isEqualTo("waiting");
            assertThat(resumed.path("ticket").path("number").asText()).isNotBlank();

            // the client resends what it had not seen acknowledged (2, as if its ack was lost) and goes on
            again.send("/app/chat/message", Map.of("seq", 2, "text", "inbound is fine"));
            again.send("/app/chat/message", Map.of("seq", 3, "text", "since 9 am"));
            assertThat(again.await("ack").path("seq").asInt()).isEqualTo(2);
            assertThat(again.await("ack").path("seq").asInt()).isEqualTo(3);
            assertThat(store.messages(chatId, 0, Integer.MAX_VALUE)).filteredOn(m -> m.visitorSeq() != null)
                    .extracting(ChatStore.Message::visitorSeq).containsExactly(1, 2, 3);
        }
    }

    @Nested
    class Agents {

        @Test
        void anAgentSeesTheChatClaimsItAndTheyTalk() throws Exception {
            StompClient ops = agent("ops");
            StompClient v = visitor();
            String chatId = start(v, "Agent Annie").path("chat_id").asText();
            v.send("/app/chat/message", Map.of("seq", 1, "text", "Conference calls drop after a minute"));
            v.await("ack");

            JsonNode queue = ops.await(m -> "queue".equals(m.path("type").asText())
                    && m.path("chats").findValuesAsText("chat_id").contains(chatId), "the chat in the queue");
            assertThat(queue.path("agents_online").asInt()).isPositive();

            ops.send("/app/agent/claim", Map.of("chat_id", chatId));
            JsonNode claimed = ops.await("claimed");
            assertThat(claimed.path("visitor").path("name").asText()).isEqualTo("Agent Annie");
            assertThat(claimed.path("transcript").findValuesAsText("text")).contains("Conference calls drop after a minute");
            assertThat(v.await("agent").path("name").asText()).isEqualTo("ops");
            assertThat(v.await("delivered").path("seq").asInt()).isEqualTo(1);

            ops.send("/app/agent/message", Map.of("chat_id", chatId, "text", "Which phone model?"));
            assertThat(ops.await("ack").path("id").asInt()).isPositive();
            JsonNode reply = v.await(m -> "message".equals(m.path("type").asText()) && "agent".equals(m.path("from").asText()),
                    "the agent's reply");
            assertThat(reply.path("text").asText()).isEqualTo("Which phone model?");

            v.send("/app/chat/message", Map.of("seq", 2, "text", "Yealink T54W"));
            JsonNode fromVisitor = ops.await(m -> "message".equals(m.path("type").asText()) && m.path("seq").asInt() == 2,
                    "the visitor's second message");
            assertThat(fromVisitor.path("text").asText()).isEqualTo("Yealink T54W");
            assertThat(v.await(m -> "delivered".equals(m.path("type").asText()) && m.path("seq").asInt() == 2, "delivered 2"))
                    .isNotNull();

            StompClient sam = agent("sam");
            sam.send("/app/agent/claim", Map.of("chat_id", chatId));
            JsonNode taken = sam.await("error");
            assertThat(taken.path("code").asText()).isEqualTo("taken");
            assertThat(taken.path("agent").asText()).isEqualTo("ops");
            sam.send("/app/agent/message", Map.of("chat_id", chatId, "text", "hijack"));
            assertThat(sam.await("error").path("code").asText()).isEqualTo("forbidden");

            ops.send("/app/agent/end", Map.of("chat_id", chatId));
            assertThat(v.await("ended").path("reason").asText()).isEqualTo("agent");
        }

        @Test
        void withNoAgentOnlineTheVisitorIsToldTheChatContinuesAsATicket() throws Exception {
            await().atMost(Duration.ofSeconds(10)).until(() -> service.agentsOnline() == 0);
            StompClient v = visitor();
            JsonNode started = start(v, "Nobody Home");
            assertThat(started.path("agents_online").asInt()).isZero();
            JsonNode notice = v.await("notice");
            assertThat(notice.path("code").asText()).isEqualTo("no_agent");
            assertThat(notice.path("message").asText()).contains("email");
        }

        @Test
        void theAgentSocketAndConsoleNeedAStaffLogin() throws Exception {
            assertThatThrownBy(() -> StompClient.agent(port, "ops", "wrong-password"))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("/chat/agent/ws");
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/chat/agent/ws", "/chat/agent", "/chat/agent.html", "/chat/agent.js")) {
                HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ops:nope".getBytes()))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            }
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat/agent"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("a browser is sent to the login page").isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/portal/login");
        }
    }

    @Nested
    class BadInput {

        @Test
        void aVisitorCannotListenToTheAgentsQueueOrSendAgentActions() throws Exception {
            StompClient v = visitor();
            v.subscribe("/topic/chat/queue");
            JsonNode refused = v.await("error");
            assertThat(refused.path("code").asText()).isEqualTo("forbidden");
            assertThat(refused.path("message").asText()).contains("/topic/chat/queue");
            start(v, "Still Connected");
        }

        @Test
        void aVisitorCannotSendAgentActions() throws Exception {
            StompClient v = visitor();
            v.send("/app/agent/claim", Map.of("chat_id", "x"));
            JsonNode refused = v.await("error");
            assertThat(refused.path("code").asText()).isEqualTo("forbidden");
            assertThat(refused.path("message").asText()).contains("/app/agent/claim");
        }

        @Test
        void aHandshakeFromAForeignOriginIsRefused() {
            assertThatThrownBy(() -> StompClient.visitor(port, "https://evil.example"))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("403");
        }

        @Test
        void tooLongEmptyAndMalformedMessagesGetErrorsThatNameTheFieldAndTheLimit() throws Exception {
            StompClient v = visitor();
            start(v, "Bad Input Bob");
            v.send("/app/chat/message", Map.of("seq", 1, "text", "x".repeat(2001)));
            JsonNode tooLong = v.await("error");
            assertThat(tooLong.path("code").asText()).isEqualTo("too_long");
            assertThat(tooLong.path("field").asText()).isEqualTo("text");
            assertThat(tooLong.path("limit").asInt()).isEqualTo(2000);

            v.send("/app/chat/message", Map.of("seq", 1, "text", "   "));
            assertThat(v.await("error").path("problems").findValuesAsText("field")).containsExactly("text");
            v.send("/app/chat/message", "{not json");
            assertThat(v.await("error").path("message").asText()).contains("JSON");
            v.send("/app/chat/start", Map.of("name", "", "email", "not-an-address", "account", "1"));
            assertThat(v.await("error").path("problems").findValuesAsText("field")).contains("name", "email");

            v.send("/app/chat/message", Map.of("seq", 1, "text", "still here"));
            assertThat(v.await("ack").path("seq").asInt()).as("the chat survives bad input").isEqualTo(1);
        }

        @Test
        void controlCharactersInATextAreRefusedNamingTheFieldWhileLineEndsAndTabsPass() throws Exception {
            StompClient v = visitor();
            start(v, "Control Carl");
            v.send("/app/chat/message", Map.of("seq", 1, "text", "phones down\u0000"));
            JsonNode nul = v.await("error");
            assertThat(nul.path("problems").findValuesAsText("field")).containsExactly("text");
            v.send("/app/chat/message", Map.of("seq", 1, "text", "red \u001b[31m text"));
            assertThat(v.await("error").path("message").asText()).contains("control characters");

            v.send("/app/chat/message", Map.of("seq", 1, "text", "line one\r\n\tline two"));
            assertThat(v.await("ack").path("seq").asInt()).isEqualTo(1);
        }

        @Test
        void anotherTextUnderASequenceNumberAlreadyUsedIsRefusedNotDropped() throws Exception {
            StompClient v = visitor();
            start(v, "Two Tabs Tina");
            v.send("/app/chat/message", Map.of("seq", 1, "text", "from the first tab"));
            v.await("ack");
            v.send("/app/chat/message", Map.of("seq", 1, "text", "from a duplicated tab"));
            JsonNode refused = v.await("error");
            assertThat(refused.path("code").asText()).isEqualTo("seq");
            assertThat(refused.path("expected").asInt()).isEqualTo(2);
        }

        @Test
        void theAgentSocketRefusesPagesOfOtherOriginsEvenWithAValidLogin() {
            org.springframework.web.socket.WebSocketHttpHeaders headers = new org.springframework.web.socket.WebSocketHttpHeaders();
            headers.setBasicAuth("ops", "portal-pass-2026");
            headers.setOrigin("https://evil.example");
            assertThatThrownBy(() -> StompClient.connect(URI.create("ws://127.0.0.1:" + port + "/chat/agent/ws"), headers))
                    .isInstanceOf(ExecutionException.class);
        }

        @Test
        void aMessageBeforeStartIsRefused() throws Exception {
            StompClient v = visitor();
            v.send("/app/chat/message", Map.of("seq", 1, "text", "hello"));
            assertThat(v.await("error").path("code").asText()).isEqualTo("not_started");
        }

        @Test
        void aFrameOverTheLimitClosesThatConnectionOnly() throws Exception {
            StompClient big = visitor();
            StompClient other = visitor();
            start(other, "Bystander");
            try {
                big.send("/app/chat/message", "{\"seq\":1,\"text\":\"" + "y".repeat(70_000) + "\"}");
            } catch (org.springframework.messaging.MessageDeliveryException closedWhileSending) {
                // the server may close the connection before the client has written the whole frame
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !big.connected());

            other.send("/app/chat/message", Map.of("seq", 1, "text", "I am unaffected"));
            assertThat(other.await("ack").path("seq").asInt()).isEqualTo(1);
        }
    }
}
