package io.intake.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.chat.internal.ChatStore;
import io.intake.core.FailingGateway;
import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.MutableClock;
import io.intake.core.severity.RuleBasedSeverityRules;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.sla.BusinessCalendars;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat service over a real core and store, stopped and started again in the middle of its work: nothing a visitor
 * was told is stored goes missing, and nothing reaches the ticket twice.
 */
class ChatRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse(ChatTestApplication.OPEN));
    private final RecordingOutbound out = new RecordingOutbound();
    /** Fails every submit before it reaches the store (the database is down). */
    private final AtomicBoolean storageDown = new AtomicBoolean();
    /** Commits transcript updates, then fails as if the answer were lost (the node died after the commit). */
    private final AtomicBoolean loseTranscriptAnswers = new AtomicBoolean();

    private IntakeDatabase db;
    private CamelContext camel;
    private IntakeCore core;
    private ChatStore store;
    private IntakeGateway gateway;

    @BeforeEach
    void startCore() throws Exception {
        db = IntakeDatabase.embedded(dir);
        core = IntakeCore.builder(db, RuleBasedSeverityRules.defaults(), AgreementSlaPolicy.defaults()).clock(clock).build();
        camel = new DefaultCamelContext();
        camel.addRoutes(core.routes());
        camel.start();
        gateway = new FailingGateway(core.gateway(camel), request -> storageDown.get(),
                request -> loseTranscriptAnswers.get() && request.sourceRef().contains(":transcript:"));
        store = new ChatStore(db);
    }

    @AfterEach
    void stopCore() throws Exception {
        camel.close();
        db.close();
    }

    /** A chat service on the test's store and gateway that has picked up what the store holds. */
    private ChatService recovered(java.util.concurrent.Executor ticketOpener) {
        ChatChannelProperties settings = ChatChannelProperties.DEFAULTS;
        ChatService service = new ChatService(store, gateway, new ChatHours(BusinessCalendars.defaults().get("chat"),
                settings.closingGrace()), settings, clock, out, ticketOpener);
        service.recover();
        return service;
    }

    /** A visitor on connection {@code connection} who has started a chat. */
    private static ChatService.Visitor started(ChatService service, String connection, String name, String account)
            throws Exception {
        ChatService.Visitor v = visitor(connection);
        service.start(v, JSON.valueToTree(Map.of("name", name, "email", connection + "@example.com", "account", account)));
        return v;
    }

    private static void say(ChatService service, ChatService.Visitor v, int seq, String text) {
        service.message(v, JSON.valueToTree(Map.of("seq", seq, "text", text)));
    }

    /** The number of the ticket pushed to a connection. */
    private String ticketOf(String connection) {
        return (String) out.to(connection, "ticket").get(0).get("number");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static ChatService.Visitor visitor(String connection) {
        return new ChatService.Visitor() {
            String chat;

            @Override
            public String connection() {
                return connection;
            }

            @Override
            public String address() {
                return "192.0.2.1";
            }

            @Override
            public String chatId() {
                return chat;
            }

            @Override
            public void bind(String chatId) {
                chat = chatId;
            }
        };
    }

    @Test
    void aTranscriptCommittedJustBeforeACrashIsNotAddedAgainAfterTheRestart() throws Exception {
        ChatService before = recovered(Runnable::run);
        ChatService.Visitor v = started(before, "v1", "Crash Cathy", "20001");
        for (int seq = 1; seq <= 4; seq++) {
            say(before, v, seq, "line " + seq + " about the broken voicemail");
        }
        assertThat(out.to("v1", "ack")).hasSize(4);
        String number = ticketOf("v1");

        loseTranscriptAnswers.set(true);
        clock.advance(Duration.ofMinutes(1));
        before.sweep();   // the update is committed, the answer is lost: the batch stays pending in the chat store
        assertThat(store.find(v.chatId()).orElseThrow().transcriptPending()).isNotNull();
        before.close();

        loseTranscriptAnswers.set(false);
        ChatService after = recovered(Runnable::run);
        clock.advance(Duration.ofMinutes(1));
        after.sweep();

        List<TicketUpdate> updates = core.store().findUpdates(TicketNumber.parse(number));
        assertThat(updates).hasSize(1);
        String body = updates.get(0).body();
        for (int seq = 2; seq <= 4; seq++) {
            assertThat(body).containsOnlyOnce("line " + seq + " ");
        }
        assertThat(store.find(v.chatId()).orElseThrow().transcriptPending()).isNull();
    }

    @Test
    void messagesAcknowledgedWhileTheTicketCouldNotBeOpenedGetTheirTicketAfterARestart() throws Exception {
        ChatService before = recovered(Runnable::run);
        ChatService.Visitor v = started(before, "v2", "Down Dora", "20002");
        storageDown.set(true);
        say(before, v, 1, "every phone at the warehouse is dead");
        say(before, v, 2, "nobody can call in");
        assertThat(out.to("v2", "ack")).as("stored in the chat store, so acknowledged").hasSize(2);
        assertThat(out.to("v2", "ticket")).isEmpty();
        before.close();

        storageDown.set(false);
        ChatService after = recovered(Runnable::run);
        ChatService.Visitor again = visitor("v2b");
        String token = (String) out.to("v2", "started").get(0).get("resume_token");
        after.resume(again, json("{\"chat_id\":\"" + v.chatId() + "\",\"resume_token\":\"" + token + "\",\"last_id\":0}"));
        assertThat(out.to("v2b", "resumed").get(0)).containsEntry("last_seq", 2);
        after.sweep();

        Map<String, Object> ticket = out.to("v2b", "ticket").get(0);
        assertThat(ticket).containsEntry("severity", Severity.CRITICAL.name());
        TicketNumber number = TicketNumber.parse((String) ticket.get("number"));
        assertThat(core.store().findTicket(number).orElseThrow().body()).contains("warehouse is dead");
        clock.advance(Duration.ofMinutes(1));
        after.sweep();
        assertThat(core.store().findUpdates(number)).singleElement()
                .satisfies(u -> assertThat(u.body()).contains("nobody can call in"));
        assertThat(core.store().summaries(100)).as("one ticket for one chat").hasSize(1);
    }

    @Test
    void messagesWrittenWhileTheTicketIsStillBeingOpenedReachItAfterwards() throws Exception {
        List<Runnable> opening = new java.util.ArrayList<>();
        ChatService service = recovered(opening::add);   // the ticket opens only when the test says so
        ChatService.Visitor v = started(service, "v5", "Quick Quinn", "20005");
        say(service, v, 1, "voicemail to email stopped");
        say(service, v, 2, "for the whole sales team");
        assertThat(out.to("v5", "ack")).hasSize(2);
        clock.advance(Duration.ofMinutes(1));
        service.sweep();   // the transcript is due, but there is no ticket yet: it must wait, not be dropped

        opening.forEach(Runnable::run);
        clock.advance(Duration.ofMinutes(1));
        service.sweep();

        String number = ticketOf("v5");
        assertThat(core.store().findUpdates(TicketNumber.parse(number))).singleElement()
                .satisfies(u -> assertThat(u.body()).contains("for the whole sales team"));
    }

    @Test
    void anAgentsGreetingBeforeTheVisitorsFirstMessageReachesTheTicket() throws Exception {
        ChatService service = recovered(Runnable::run);
        ChatService.Visitor v = started(service, "v6", "Greeted Gail", "20006");
        service.claim("ops", json("{\"chat_id\":\"" + v.chatId() + "\"}"));
        service.agentMessage("ops", json("{\"chat_id\":\"" + v.chatId() + "\",\"text\":\"Hello, how can I help?\"}"));
        say(service, v, 1, "call park is broken");

        clock.advance(Duration.ofMinutes(1));
        service.sweep();
        String number = ticketOf("v6");
        assertThat(core.store().findTicket(TicketNumber.parse(number)).orElseThrow().body()).isEqualTo("call park is broken");
        assertThat(core.store().findUpdates(TicketNumber.parse(number))).singleElement()
                .satisfies(u -> assertThat(u.body()).contains("ops (agent): Hello, how can I help?")
                        .contains("ops joined the chat").doesNotContain("call park is broken"));
    }

    @Test
    void aLongBacklogReachesTheTicketInSeveralUpdatesEachWithinTheBodyLimit() throws Exception {
        ChatService service = recovered(Runnable::run);
        ChatService.Visitor v = started(service, "v8", "Long Lou", "20008");
        storageDown.set(true);   // the ticket cannot be opened while the backlog grows
        String line = "x".repeat(1_990);
        for (int seq = 1; seq <= 90; seq++) {
            clock.advance(Duration.ofSeconds(2));   // within the per-chat rate limit
            say(service, v, seq, seq + " " + line);
        }
        assertThat(out.to("v8", "ack")).hasSize(90);
        storageDown.set(false);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            service.sweep();
        }

        String number = ticketOf("v8");
        List<TicketUpdate> updates = core.store().findUpdates(TicketNumber.parse(number));
        assertThat(updates).hasSize(3);   // 89 messages after the first, at most 40 in each
        String all = updates.stream().map(TicketUpdate::body).reduce("", String::concat);
        for (int seq = 2; seq <= 90; seq++) {
            assertThat(all).contains(": " + seq + " x");
        }
    }

    @Test
    void aChatThatEndsBeforeTheVisitorWritesLeavesNothingWaiting() throws Exception {
        ChatService service = recovered(Runnable::run);
        ChatService.Visitor v = started(service, "v7", "Silent Sid", "20007");
        service.claim("ops", json("{\"chat_id\":\"" + v.chatId() + "\"}"));
        service.end(v);
        assertThat(service.transcriptsWaiting()).isEqualTo(1);

        service.sweep();
        assertThat(service.transcriptsWaiting()).as("no ticket will ever exist: nothing to wait for").isZero();
        assertThat(core.store().summaries(100)).isEmpty();
    }

    @Test
    void anotherNodeOnTheSameDatabaseFinishesTheTranscriptOfANodeThatDied() throws Exception {
        ChatService survivor = recovered(Runnable::run);
        ChatService dying = recovered(Runnable::run);
        ChatService.Visitor v = started(dying, "v4", "Node Nora", "20004");
        say(dying, v, 1, "our fax line is down");
        say(dying, v, 2, "since the storm last night");
        dying.close();   // it dies before its transcript is due

        clock.advance(Duration.ofMinutes(2));
        survivor.sweep();   // its periodic search of the store finds the chat
        clock.advance(Duration.ofMinutes(1));
        survivor.sweep();

        String number = ticketOf("v4");
        assertThat(core.store().findUpdates(TicketNumber.parse(number))).singleElement()
                .satisfies(u -> assertThat(u.body()).contains("since the storm last night"));
    }

    @Test
    void aChatIdleForLongerThanTheTimeoutEndsAndItsTranscriptIsWritten() throws Exception {
        ChatService service = recovered(Runnable::run);
        ChatService.Visitor v = started(service, "v3", "Idle Ida", "20003");
        say(service, v, 1, "how do I set up call forwarding?");
        say(service, v, 2, "from my desk phone");

        clock.advance(ChatChannelProperties.DEFAULTS.idleTimeout().plusSeconds(1));
        service.sweep();
        assertThat(out.to("v3", "ended").get(0)).containsEntry("reason", "idle");
        service.sweep();
        String number = ticketOf("v3");
        assertThat(core.store().findUpdates(TicketNumber.parse(number))).singleElement()
                .satisfies(u -> assertThat(u.body()).contains("from my desk phone").contains("Chat ended (idle)"));
    }
}
