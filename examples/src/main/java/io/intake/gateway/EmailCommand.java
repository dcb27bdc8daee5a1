package io.intake.gateway;

import io.intake.email.EmailLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "email", description = {"Normalise raw RFC 5322 messages (.eml) and print one JSON line per file:",
        "file, from_address, from_name, subject, body, attachments, message_id, in_reply_to, references,",
        "auto_submitted, bounce and the classification. An unreadable file gives an error line; exit code 1."})
class EmailCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Message files.")
    List<String> files;

    @Override
    public Integer call() throws Exception {
        var rules = Beans.rules(CliSettings.load(GatewayMain.springArgs));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        int errors = EmailLines.run(files, out, rules);
        out.flush();
        return errors == 0 ? 0 : 1;
    }
}
