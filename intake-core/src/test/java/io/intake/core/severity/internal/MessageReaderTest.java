package io.intake.core.severity.internal;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How the newest text of a message is cut into sentences. */
class MessageReaderTest {

    private static MessageParts read(String body) {
        return MessageReader.read(IntakeRequest.builder(Channel.EMAIL, "x").subject("").body(body)
                .receivedAt(Instant.parse("2025-03-04T15:00:00Z")).build());
    }

    @Test
    void aSentenceEndsAtTheClosingQuoteAfterItsEndMark() {
        assertThat(read("The phone says \"greeting could not be saved.\" Can you look at that?").current())
                .containsExactly("The phone says \"greeting could not be saved.\"", "Can you look at that?");
        assertThat(read("It shows (No Service!) Nobody can call.").current())
                .containsExactly("It shows (No Service!)", "Nobody can call.");
        assertThat(read("Screen reads \u201cRegistering\u2026.\u201d Since 9.").current())
                .containsExactly("Screen reads \u201cRegistering\u2026.\u201d", "Since 9.");
    }

    @Test
    void anUpdateThatRepeatsTheFirstSubmissionMakesItHistory() {
        MessageParts parts = read("UPDATE 3:10 pm: it is every phone now.\n\n"
                + "Earlier request (1:20 pm): \"The phone at the front desk says No Service. The others are fine.\"");
        assertThat(parts.current()).containsExactly("UPDATE 3:10 pm: it is every phone now.");
        assertThat(parts.quoted()).hasSize(2).last().asString().contains("others are fine");
    }

    @Test
    void aFullStopInsideANumberDoesNotEndASentence() {
        assertThat(read("Call 555.0110 from a cell... nothing happens").current())
                .containsExactly("Call 555.0110 from a cell...", "nothing happens");
        assertThat(read("Wow!!!Nothing works").current()).containsExactly("Wow!!!", "Nothing works");
    }
}
