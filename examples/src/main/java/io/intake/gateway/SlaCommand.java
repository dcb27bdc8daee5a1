package io.intake.gateway;

import io.intake.core.cli.SlaLines;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

@Command(name = "sla", description = {"Compute response deadlines: JSON Lines on stdin with id, received_at, severity, channel;",
        "one line per input on stdout with response_due (and response_target, ack_deadline for CRITICAL).",
        "Exit code 1 when any line was an error."})
class SlaCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        var policy = Beans.sla(CliSettings.load(GatewayMain.springArgs));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        int errors = SlaLines.run(in, out, policy);
        out.flush();
        return errors == 0 ? 0 : 1;
    }
}
