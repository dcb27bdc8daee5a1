package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketNumberTest {

    @Test
    void numbersAreDigitsWithALuhnCheckDigit() {
        TicketNumber n = TicketNumber.ofSerial(100_000);
        assertThat(n.toString()).matches("[0-9]{7}").startsWith("100000");
        assertThat(n.serial()).isEqualTo(100_000);
        assertThat(TicketNumber.parse(n.toString())).isEqualTo(n);
    }

    @Test
    void everySingleDigitTypoIsCaught() {
        String good = TicketNumber.ofSerial(123_456).toString();
        for (int pos = 0; pos < good.length(); pos++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != good.charAt(pos)) {
                    String typo = good.substring(0, pos) + d + good.substring(pos + 1);
                    assertThat(TicketNumber.tryParse(typo)).as(typo).isNull();
                }
            }
        }
    }

    @Test
    void peopleWriteNumbersWithHashesSpacesAndDashes() {
        TicketNumber n = TicketNumber.ofSerial(100_123);
        String s = n.toString();
        assertThat(TicketNumber.parse("#" + s)).isEqualTo(n);
        assertThat(TicketNumber.parse(s.substring(0, 3) + " " + s.substring(3))).isEqualTo(n);
        assertThat(TicketNumber.parse(s.substring(0, 3) + "-" + s.substring(3))).isEqualTo(n);
    }

    @Test
    void garbageNamesTheField() {
        assertThatThrownBy(() -> TicketNumber.parse("12ab")).isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("ticket_number:");
    }
}
