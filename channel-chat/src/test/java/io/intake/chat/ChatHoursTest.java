package io.intake.chat;

import io.intake.core.sla.BusinessCalendar;
import io.intake.core.sla.Holidays;
import io.intake.core.sla.OpeningHours;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ChatHoursTest {

    private static final Instant WEDNESDAY_AFTERNOON = Instant.parse("2026-11-25T20:58:23Z");

    private static ChatHours hours(String spec) {
        return new ChatHours(BusinessCalendar.of("chat", ZoneId.of("America/Chicago"),
                OpeningHours.parse("intake.sla.calendars.chat.hours", spec), Holidays.NONE), Duration.ofMinutes(15));
    }

    @Test
    void aChatCalendarOpenAroundTheClockIsOpenWithNoClosingInsteadOfFailing() {
        ChatHours always = hours("daily 00:00-24:00");

        assertThat(always.isOpen(WEDNESDAY_AFTERNOON)).isTrue();
        assertThat(always.closesAt(WEDNESDAY_AFTERNOON)).isNull();
        assertThat(always.opensAt(WEDNESDAY_AFTERNOON)).isNull();
        assertThat(always.continueUntil(WEDNESDAY_AFTERNOON)).isEqualTo(WEDNESDAY_AFTERNOON.plus(ChatHours.AROUND_THE_CLOCK));
    }

    @Test
    void aChatStartedInTheHoursMayGoOnUntilTheClosingPlusTheGrace() {
        ChatHours office = hours("daily 09:00-18:00");

        assertThat(office.closesAt(WEDNESDAY_AFTERNOON)).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(office.continueUntil(WEDNESDAY_AFTERNOON)).isEqualTo(Instant.parse("2026-11-26T00:15:00Z"));
    }
}
