package io.intake.core.pipeline;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeResult;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.ticket.TicketNumber;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing acknowledged is lost when the process dies: a child JVM submits requests to the embedded H2 store, is
 * killed with SIGKILL mid-load, and every request it acknowledged is then a ticket — delivered once after restart.
 */
class KillMidLoadIT {

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedRequestSurvivesSigkillAndIsDeliveredOnce() throws Exception {
        Path acks = dataDir.resolve("acks.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SubmitLoop.class.getName(), dataDir.resolve("db").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(acks.toFile()).start();
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.readAllLines(acks).size() >= 300);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // Every line the child wrote before it died is an acknowledgement (a torn last line is not).
        Map<String, String> acked = new LinkedHashMap<>();
        for (String line : Files.readAllLines(acks, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            if (parts.length == 2 && TicketNumber.tryParse(parts[1]) != null) {
                acked.put(parts[0], parts[1]);
            }
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(300);

        RecordingSink sink = new RecordingSink();
        try (IntakeDatabase db = IntakeDatabase.embedded(dataDir.resolve("db")); CamelContext camel = new DefaultCamelContext()) {
            IntakeCore core = IntakeCore.builder(db, Fixtures.RULES, Fixtures.SLA).trackerSink(sink).build();
            camel.addRoutes(core.routes());
            camel.start();
            for (Map.Entry<String, String> e : acked.entrySet()) {
                assertThat(core.store().findTicket(TicketNumber.parse(e.getValue()))).as(e.getKey()).isPresent();
                IntakeResult again = core.gateway(camel).submit(Fixtures.email(e.getKey(), "again"));
                assertThat(((IntakeResult.Accepted) again).ticketNumber().toString()).isEqualTo(e.getValue());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.stored.keySet().containsAll(acked.values()));
            List<Integer> counts = acked.values().stream().map(sink.stored::get).toList();
            assertThat(counts).allMatch(n -> n == 1);
        }
    }
}
