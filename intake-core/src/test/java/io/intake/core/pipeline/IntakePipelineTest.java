package io.intake.core.pipeline;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeException;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.IntakeResult.Accepted;
import io.intake.core.IntakeResult.Outcome;
import io.intake.core.IntakeResult.Rejected;
import io.intake.core.outbox.DeliveryPolicy;
import io.intake.core.outbox.OutboxEntry;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.ticket.Attachment;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.ticket.UpdateKind;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.intake.core.pipeline.Fixtures.email;
import static io.intake.core.pipeline.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class IntakePipelineTest {

    private static final DeliveryPolicy FAST = new DeliveryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(200),
            100, Duration.ofMillis(20), Duration.ofSeconds(30));

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Running start(RecordingSink trackerSink) throws Exception {
        IntakeDatabase db = IntakeDatabase.embedded(dataDir);
        IntakeCore core = IntakeCore.builder(db, Fixtures.RULES, Fixtures.SLA)
                .trackerSink(trackerSink).delivery(FAST).clock(Clock.system(ZoneOffset.UTC)).build();
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(core.routes());
        camel.start();
        open.add(db);
        open.add(camel);
        return new Running(core, camel, core.gateway(camel), db);
    }

    record Running(IntakeCore core, CamelContext camel, IntakeGateway gateway, IntakeDatabase db) {
        void stop() throws Exception {
            camel.close();
            db.close();
        }
    }

    @Nested
    class Dedupe {

        @Test
        void sameSourceReferenceTwiceYieldsOneTicket() throws Exception {
            Running gw = start(sink);
            Accepted first = (Accepted) gw.gateway().submit(email("<a1@example.com>", "phones are down"));
            Accepted second = (Accepted) gw.gateway().submit(email("<a1@example.com>", "phones are down"));

            assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(second.ticketNumber()).isEqualTo(first.ticketNumber());
            assertThat(gw.core().store().summaries(10)).hasSize(1);
            await().until(() -> sink.calls().size() == 1);
            assertThat(sink.calls()).containsExactly("create " + first.ticketNumber());
        }

        @Test
        void sameSourceReferenceSurvivesARestart() throws Exception {
            Running gw = start(sink);
            Accepted first = (Accepted) gw.gateway().submit(email("<r1@example.com>", "hello"));
            gw.stop();
            open.clear();

            Running again = start(sink);
            Accepted second = (Accepted) again.gateway().submit(email("<r1@example.com>", "hello"));
            assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(second.ticketNumber()).isEqualTo(first.ticketNumber());
        }

        @Test
        void concurrentSubmissionsOfOneReferenceYieldOneTicket() throws Exception {
            Running gw = start(sink);
            List<IntakeResult> results = IntStream.range(0, 8).parallel()
                    .mapToObj(i -> gw.gateway().submit(email("<race@example.com>", "phones are down"))).toList();

            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(Accepted.class));
            assertThat(results.stream().map(r -> ((Accepted) r).ticketNumber()).distinct()).hasSize(1);
            assertThat(gw.core().store().summaries(10)).hasSize(1);
        }
    }

    @Nested
    class Threading {

        @Test
        void replyNamingTheFirstMessageBecomesAnUpdate() throws Exception {
            Running gw = start(sink);
            Accepted ticket = (Accepted) gw.gateway().submit(email("<t1@example.com>", "voicemail broken"));
            Accepted update = (Accepted) gw.gateway().submit(reply("<t2@example.com>", "<t1@example.com>", "still broken"));

            assertThat(update.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(update.ticketNumber()).isEqualTo(ticket.ticketNumber());
            assertThat(update.sequence()).isEqualTo(1);
            List<TicketUpdate> updates = gw.core().store().findUpdates(ticket.ticketNumber());
            assertThat(updates).singleElement().satisfies(u -> {
                assertThat(u.kind()).isEqualTo(UpdateKind.COMMENT);
                assertThat(u.body()).isEqualTo("still broken");
            });
        }

        @Test
        void ticketNumberAsConversationKeyThreads() throws Exception {
            Running gw = start(sink);
            Accepted ticket = (Accepted) gw.gateway().submit(email("<n1@example.com>", "hello"));
            Accepted update = (Accepted) gw.gateway().submit(reply("<n2@example.com>", ticket.ticketNumber().toString(), "more"));
            assertThat(update.ticketNumber()).isEqualTo(ticket.ticketNumber());
        }

        @Test
        void unknownKeyStartsANewTicket() throws Exception {
            Running gw = start(sink);
            Accepted result = (Accepted) gw.gateway().submit(reply("<u2@example.com>", "<nobody@example.com>", "hi"));
            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        }
    }

    @Nested
    class StartAndStop {

        @Test
        void aRequestArrivingWhileTheContextIsStillStartingWaitsForItInsteadOfFailing() throws Exception {
            IntakeDatabase db = IntakeDatabase.embedded(dataDir);
            open.add(db);
            IntakeCore core = IntakeCore.builder(db, Fixtures.RULES, Fixtures.SLA).build();
            CamelContext camel = new DefaultCamelContext();
            open.add(camel);
            camel.addRoutes(core.routes());
            IntakeGateway gateway = core.gateway(camel);   // as a channel that listens before the routes run

            CompletableFuture<IntakeResult> early = CompletableFuture.supplyAsync(
                    () -> gateway.submit(email("<early@example.com>", "phones are down")));
            Thread.sleep(200);
            assertThat(early).as("waits for the routes").isNotDone();
            camel.start();

            assertThat(early.get(30, TimeUnit.SECONDS)).isInstanceOf(Accepted.class);
        }

        @Test
        void aStoppedContextFailsAtOnceNamingItsState() throws Exception {
            Running gw = start(sink);
            assertThat(gw.gateway().submit(email("<before@example.com>", "hello"))).isInstanceOf(Accepted.class);
            gw.camel().stop();

            assertThatThrownBy(() -> gw.gateway().submit(email("<after@example.com>", "hello")))
                    .isInstanceOf(IntakeException.class).hasMessageContaining("not running").hasMessageContaining("Stopped");
        }
    }

    @Nested
    class BadInput {

        @Test
        void malformedRequestIsRejectedRecordedAndThePipelineKeepsServing() throws Exception {
            Running gw = start(sink);
            IntakeRequest huge = email("<big@example.com>", "x".repeat(IntakeLimits.DEFAULTS.maxBodyChars() + 1));

            IntakeResult result = gw.gateway().submit(huge);

            assertThat(result).isInstanceOfSatisfying(Rejected.class, r -> {
                assertThat(r.problems()).extracting(IntakeResult.FieldProblem::field).containsExactly("body");
                assertThat(r.problems().get(0).message()).contains("100000").contains("intake.limits.max-body-chars");
            });
            assertThat(gw.core().store().rejectionCount()).isEqualTo(1);
            assertThat(gw.gateway().submit(email("<ok@example.com>", "fine"))).isInstanceOf(Accepted.class);
        }

        @Test
        void everyBrokenLimitIsReportedAtOnce() throws Exception {
            Running gw = start(sink);
            List<Attachment> files = IntStream.range(0, 21)
                    .mapToObj(i -> new Attachment("f" + i + ".txt", "text/plain", 30L << 20, "sha256:00", null)).toList();
            IntakeRequest request = IntakeRequest.builder(Channel.WEB, "form-1").requester(Requester.ofEmail(null, "a@b.example"))
                    .subject("files").body("see files").attachments(files).receivedAt(Fixtures.NOW).build();

            Rejected rejected = (Rejected) gw.gateway().submit(request);
            assertThat(rejected.problems()).extracting(IntakeResult.FieldProblem::field)
                    .contains("attachments", "attachments[0].size", "attachments[20].size");
        }

        @Test
        void rejectionsAtTheChannelEdgeAreRecordedToo() throws Exception {
            Running gw = start(sink);
            gw.gateway().reject(Channel.WEB, "form-9", "requester.email: 'x' is not an email address",
                    List.of(new IntakeResult.FieldProblem("requester.email", "'x' is not an email address")));
            assertThat(gw.core().store().rejectionCount()).isEqualTo(1);
        }
    }

    @Nested
    class Delivery {

        @Test
        void trackerDownForAWhileGetsEveryTicketExactlyOnceInOrder() throws Exception {
            sink.down = true;
            Running gw = start(sink);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Accepted a = (Accepted) gw.gateway().submit(email("<down" + i + "@example.com>", "ticket " + i));
                expected.add("create " + a.ticketNumber());
                if (i % 5 == 0) {
                    Accepted u = (Accepted) gw.gateway().submit(reply("<down" + i + "r@example.com>", "<down" + i + "@example.com>", "more"));
                    expected.add("append " + u.ticketNumber() + "/1 key=REC-" + u.ticketNumber());
                }
            }
            await().until(() -> gw.core().outbox().undelivered(100).stream().anyMatch(e -> e.attempts() >= 2));
            assertThat(sink.calls()).isEmpty();

            sink.down = false;
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.calls().size() == expected.size());
            assertThat(sink.calls()).containsExactlyElementsOf(expected);
            assertThat(sink.stored.values()).allMatch(n -> n == 1);
            // the tracker has each one before its outbox entry is marked delivered: wait for the marks, not a moment
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.core().outbox().undelivered(100).isEmpty());
            assertThat(sink.calls()).hasSize(expected.size());
        }

        @Test
        void updatesNeverOvertakeTheirTicket() throws Exception {
            Running gw = start(sink);
            Accepted a = (Accepted) gw.gateway().submit(email("<o1@example.com>", "first"));
            for (int i = 0; i < 5; i++) {
                gw.gateway().submit(reply("<o1-" + i + "@example.com>", "<o1@example.com>", "reply " + i));
            }
            await().until(() -> sink.calls().size() == 6);
            assertThat(sink.calls().get(0)).isEqualTo("create " + a.ticketNumber());
            assertThat(sink.calls().subList(1, 6)).allMatch(c -> c.startsWith("append " + a.ticketNumber()));
            assertThat(sink.calls().subList(1, 6)).isSorted();
        }

        @Test
        void gatewayStoppedBetweenCommitAndDeliveryDeliversAfterRestart() throws Exception {
            sink.down = true;
            Running gw = start(sink);
            Accepted a = (Accepted) gw.gateway().submit(email("<s1@example.com>", "phones are down"));
            gw.stop();
            open.clear();
            assertThat(sink.calls()).isEmpty();

            sink.down = false;
            start(sink);
            await().until(() -> sink.calls().size() == 1);
            assertThat(sink.calls()).containsExactly("create " + a.ticketNumber());
        }

        @Test
        void anUpdateCommittedAfterItsTicketWasParkedIsParkedTooAndReplayedWithIt() throws Exception {
            sink.refuse = true;
            Running gw = start(sink);
            Accepted a = (Accepted) gw.gateway().submit(email("<late1@example.com>", "hello"));
            await().until(() -> gw.core().outbox().parked(10).size() == 1);

            gw.gateway().submit(reply("<late2@example.com>", "<late1@example.com>", "one more thing"));
            await().until(() -> gw.core().outbox().parked(10).size() == 2);
            assertThat(gw.core().outbox().parked(10).get(1).lastError()).contains("held behind");

            sink.refuse = false;
            assertThat(gw.core().outbox().replay(a.ticketNumber(), gw.core().clock().instant())).isEqualTo(2);
            await().until(() -> sink.calls().size() == 2);
        }

        @Test
        void refusedDeliveryIsParkedWithItsReasonAndCanBeReplayed() throws Exception {
            sink.refuse = true;
            Running gw = start(sink);
            Accepted a = (Accepted) gw.gateway().submit(email("<p1@example.com>", "hello"));
            gw.gateway().submit(reply("<p2@example.com>", "<p1@example.com>", "and more"));
            await().until(() -> gw.core().outbox().parked(10).size() == 2);
            assertThat(gw.core().outbox().parked(10).get(0).lastError()).contains("400 bad request");
            assertThat(gw.core().store().summaries(1).get(0).deliveryState()).isEqualTo("parked");

            sink.refuse = false;
            assertThat(gw.core().outbox().replay(a.ticketNumber(), gw.core().clock().instant())).isEqualTo(2);
            await().until(() -> sink.calls().size() == 2);
            assertThat(gw.core().outbox().entriesOf(a.ticketNumber()))
                    .extracting(OutboxEntry::state).containsOnly(OutboxEntry.State.DELIVERED);
        }

        @Test
        void entriesThatKeepFailingAreParkedAfterMaxAttempts() throws Exception {
            sink.down = true;
            Running gw = start(sink);
            gw.gateway().submit(email("<m1@example.com>", "hello"));
            await().atMost(Duration.ofSeconds(20)).until(() -> gw.core().outbox().parked(10).size() == 1);
            assertThat(gw.core().outbox().parked(10).get(0).lastError()).contains("gave up after 5 attempts");
        }
    }

    @Nested
    class Reassessment {

        @Test
        void customerReassessmentKeepsBothClassifications() throws Exception {
            Running gw = start(sink);
            Accepted a = (Accepted) gw.gateway().submit(email("<ra@example.com>", "voicemail greeting change"));
            assertThat(a.severity()).isEqualTo(Severity.LOW);

            Accepted r = (Accepted) gw.gateway().reassess(a.ticketNumber(), Channel.EMAIL, "<ra2@example.com>",
                    Requester.ofEmail(null, "dana@example.com"), "actually all phones are down now", Fixtures.NOW);

            assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
            TicketUpdate u = gw.core().store().findUpdates(a.ticketNumber()).get(0);
            assertThat(u.kind()).isEqualTo(UpdateKind.REASSESSMENT);
            assertThat(u.previousClassification().severity()).isEqualTo(Severity.LOW);
            assertThat(u.classification().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(gw.core().store().summaries(1).get(0).severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void agentOverrideIsRecordedTheSameWay() throws Exception {
            Running gw = start(sink);
            Accepted a = (Accepted) gw.gateway().submit(email("<ov@example.com>", "phones are down"));
            gw.gateway().override(a.ticketNumber(), Severity.DEGRADED, "agent.kim", "only one handset", Fixtures.NOW);

            TicketUpdate u = gw.core().store().findUpdates(a.ticketNumber()).get(0);
            assertThat(u.kind()).isEqualTo(UpdateKind.OVERRIDE);
            assertThat(u.previousClassification().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(u.classification().rule()).isEqualTo("agent.override");
            assertThat(u.classification().reason()).contains("agent.kim").contains("only one handset");
        }
    }
}
