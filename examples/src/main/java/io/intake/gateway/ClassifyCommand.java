package io.intake.gateway;

import io.intake.core.cli.ClassifyLines;
import io.intake.core.severity.RuleBasedSeverityRules;
import io.intake.core.severity.SeverityRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "classify", description = {"Classify requests: JSON Lines on stdin, each with id, channel, subject, body;",
        "one line per input on stdout: {\"id\",\"severity\",\"rule\",\"reason\"} or {\"id\",\"error\"}.",
        "Exit code 1 when any line was an error."})
class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--rules", paramLabel = "FILE", description = "A rules file instead of the configured rules.")
    Path rules;

    @Option(names = "--model", paramLabel = "shipped|off|FILE", description = {
            "The word model that gives the rules a second opinion: shipped (the default), off (rules alone),",
            "or a file made by train-model. Without the option the configured intake.severity.model applies."})
    String model;

    @Override
    public Integer call() throws Exception {
        IntakeProperties p = CliSettings.load(GatewayMain.springArgs);
        SeverityRules base = rules != null ? RuleBasedSeverityRules.fromFile(rules) : Beans.rulesAlone(p);
        SeverityRules severityRules = Beans.withModel(base, model != null ? model : p.severity().model());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        int errors = ClassifyLines.run(in, out, severityRules);
        out.flush();
        return errors == 0 ? 0 : 1;
    }
}
