package io.intake.gateway;

import io.intake.core.json.WireFormat;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.store.IntakeStore;
import io.intake.core.store.TicketSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "tickets", description = {"Print the tickets of the gateway's store as JSON Lines, newest first.",
        "Works while the gateway is running."})
class TicketsCommand implements Callable<Integer> {

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many tickets (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        IntakeProperties settings = CliSettings.load(GatewayMain.springArgs);
        try (IntakeDatabase db = Beans.database(settings)) {
            IntakeStore store = new IntakeStore(db, Beans.clock(settings));
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            for (TicketSummary t : store.summaries(limit)) {
                out.println(WireFormat.write(line(t)));
            }
            out.flush();
        }
        return 0;
    }

    static Map<String, Object> line(TicketSummary t) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("number", t.number().toString());
        line.put("channel", t.channel().wireName());
        line.put("severity", t.severity().name());
        line.put("subject", t.subject());
        line.put("requester", t.requester());
        line.put("received_at", t.receivedAt().toString());
        line.put("response_due", t.responseDue().toString());
        line.put("delivery_state", t.deliveryState());
        line.put("tracker_key", t.trackerKey());
        line.put("update_count", t.updateCount());
        return line;
    }
}
