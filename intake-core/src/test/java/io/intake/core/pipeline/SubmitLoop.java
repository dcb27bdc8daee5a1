package io.intake.core.pipeline;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.store.IntakeDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Path;

/**
 * A child process for {@link KillMidLoadIT}: submits requests forever against an embedded store and prints each
 * acknowledged source reference and ticket number the moment the gateway answers. The parent kills it with SIGKILL.
 */
public final class SubmitLoop {

    private SubmitLoop() {
    }

    public static void main(String[] args) throws Exception {
        IntakeDatabase db = IntakeDatabase.embedded(Path.of(args[0]));
        IntakeCore core = IntakeCore.builder(db, Fixtures.RULES, Fixtures.SLA).build();
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(core.routes());
        camel.start();
        IntakeGateway gateway = core.gateway(camel);
        for (int i = 0; ; i++) {
            String ref = "<kill-" + i + "@example.com>";
            IntakeResult r = gateway.submit(Fixtures.email(ref, "phones are down " + i));
            if (r instanceof IntakeResult.Accepted a) {
                System.out.println(ref + " " + a.ticketNumber());
                System.out.flush();
            }
        }
    }
}
