package io.intake.core.bench;

import io.intake.core.severity.RuleBasedSeverityRules;
import io.intake.core.severity.SecondOpinionSeverityRules;
import io.intake.core.severity.SeverityRules;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Classifications per second with the default rules, alone and with the word model's second opinion, on typical 1-2 KB emails (greeting, problem, quoted history,
 * signature, disclaimer) and on short chat lines. Run:
 * {@code java -cp <test classpath> org.openjdk.jmh.Main SeverityBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SeverityBenchmark {

    private static final String SIGNATURE = "\n\nThanks so much,\n\nBeth Kowalski\nOffice Administrator\nKowalski & Sons Plumbing\n"
            + "\"Family owned since 1978\"\n555-010-0120 | beth@example.com\n\nCONFIDENTIALITY NOTICE: This e-mail and any "
            + "attachments are intended only for the named recipient(s) and may contain information that is privileged or "
            + "confidential. If you received this in error please delete it and notify the sender.";
    private static final String QUOTED = "\n\n-----Original Message-----\nFrom: Support\nSent: Tuesday 9:41 AM\nSubject: RE: ticket 48817\n\n"
            + "Hi, we have restarted the registration on our side. Can you confirm the phones show registered now?\n"
            + "> None of our phones at either office have dial tone!!\n> Please call me back as soon as you can.";

    private static final String[] EMAIL_BODIES = {
        "Hi team,\n\nI'm not sure what happened but starting around 10:15 this morning anyone who calls our main line gets a "
            + "recording saying the number has been disconnected. We did not ask for anything to be disconnected!! We haven't "
            + "changed anything on our side. Our bookkeeper tried from her cell phone and got the same thing. People can still "
            + "call the direct lines if they know them, but nobody outside knows those, they only have the main number, it's on "
            + "our website and all our trucks. We're a service company so this is really bad, we live on inbound calls.",
        "Hello,\n\nFor the last three days or so the sales team (exts 201-206) has stopped getting their voicemails in email. "
            + "The voicemails are still there if they dial into their box from the desk phone, it's just the email copies that "
            + "stopped. Nobody changed anything on our end that I know of. We checked spam folders and also asked our email "
            + "admin who says there's nothing being blocked. The rest of the company's voicemail to email seems to be fine, it's "
            + "only sales. It's a real pain because they're on the road most of the week.",
        "Hi,\n\nSorry in advance, this is going to be a long one. Right now when someone calls the main line during the day it "
            + "rings the front desk first, then after 20 seconds it rings Ashley and Tom, and then it goes to the general "
            + "voicemail. Ashley is moving to part-time so we'd like: Mon/Wed/Fri front desk then Jordan (ext 108) then "
            + "voicemail; Tue/Thu front desk then Ashley and Jordan together. Also is there a way for me to make these changes "
            + "myself in the future? Nothing is broken, we just need this changed before the first of the month.",
        "Still happening, and now it's BOTH offices. Nobody at Oak St or Main St can make or take calls. Our internet is fine "
            + "at both and the PCs work. We rebooted every phone and the switch at Oak St, no change. Please escalate, we have "
            + "customers calling our cell phones asking whether we are still in business.",
    };

    private static final String[] CHAT_LINES = {
        "main line goes straight to fast busy",
        "phones are NOT down, just voicemail. calls ring forever instead of going to voicemail",
        "how do i set up call forwardng to my cell for when im out of the office?? thx",
        "hello, all the telephones in both our clinic no working, no can register. the internet is ok",
        "2 of our 12 phones keep rebootng every few minutes, the rest r ok",
        "no podemos llamar, ningún teléfono funciona",
    };

    /** {@code rules}: the rules alone; {@code second-opinion}: the rules and the shipped word model (the default). */
    @Param({"rules", "second-opinion"})
    public String reader;

    private SeverityRules rules;
    private final List<IntakeRequest> emails = new ArrayList<>();
    private final List<IntakeRequest> chats = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        rules = reader.equals("rules") ? RuleBasedSeverityRules.defaults() : SecondOpinionSeverityRules.defaults();
        Instant at = Instant.parse("2025-03-04T15:00:00Z");
        int i = 0;
        for (String body : EMAIL_BODIES) {
            emails.add(IntakeRequest.builder(Channel.EMAIL, "e-" + i++).subject("RE: phones").body(body + SIGNATURE + QUOTED)
                    .receivedAt(at).build());
        }
        for (String line : CHAT_LINES) {
            chats.add(IntakeRequest.builder(Channel.CHAT, "c-" + i++).body(line).receivedAt(at).build());
        }
    }

    /** Size of the typical email bodies, for the report. */
    public int emailBytes() {
        return emails.stream().mapToInt(r -> r.body().length()).sum() / emails.size();
    }

    @Benchmark
    public Classification classifyEmail() {
        next = (next + 1) % emails.size();
        return rules.classify(emails.get(next));
    }

    @Benchmark
    public Classification classifyChatLine() {
        next = (next + 1) % chats.size();
        return rules.classify(chats.get(next));
    }
}
