package io.intake.gateway;

import io.intake.core.json.WireFormat;
import io.intake.core.outbox.Outbox;
import io.intake.core.outbox.OutboxEntry;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.ticket.TicketNumber;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "outbox", description = "Inspect and replay deliveries to the tracker.",
        subcommands = {OutboxCommand.ListCommand.class, OutboxCommand.ReplayCommand.class})
class OutboxCommand {

    @Command(name = "list", description = "Print undelivered entries (pending and parked) as JSON Lines, oldest first.")
    static class ListCommand implements Callable<Integer> {

        @Option(names = "--parked", description = "Only parked entries.")
        boolean parkedOnly;

        @Option(names = "--limit", defaultValue = "1000", description = "At most this many entries (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            IntakeProperties settings = CliSettings.load(GatewayMain.springArgs);
            try (IntakeDatabase db = Beans.database(settings)) {
                Outbox outbox = new Outbox(db);
                List<OutboxEntry> entries = parkedOnly ? outbox.parked(limit) : outbox.undelivered(limit);
                PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                for (OutboxEntry e : entries) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("id", e.id());
                    line.put("ticket_number", e.ticketNumber().toString());
                    line.put("sequence", e.sequence());
                    line.put("state", e.state().name());
                    line.put("attempts", e.attempts());
                    line.put("next_attempt_at", e.nextAttemptAt().toString());
                    line.put("last_error", e.lastError());
                    line.put("created_at", e.createdAt().toString());
                    out.println(WireFormat.write(line));
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "replay", description = "Put parked entries back in the queue (a running gateway delivers them).")
    static class ReplayCommand implements Callable<Integer> {

        @ArgGroup(multiplicity = "1")
        Target target;

        static class Target {
            @Option(names = "--ticket", paramLabel = "NUMBER", description = "Every parked entry of this ticket.")
            String ticket;

            @Option(names = "--all", description = "Every parked entry.")
            boolean all;
        }

        @Override
        public Integer call() {
            IntakeProperties settings = CliSettings.load(GatewayMain.springArgs);
            try (IntakeDatabase db = Beans.database(settings)) {
                Outbox outbox = new Outbox(db);
                var now = Beans.clock(settings).instant();
                int count = target.all ? outbox.replayAll(now) : outbox.replay(TicketNumber.parse(target.ticket), now);
                System.out.println("{\"replayed\":" + count + "}");
                return 0;
            }
        }
    }
}
