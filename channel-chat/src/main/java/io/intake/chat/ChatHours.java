package io.intake.chat;

import io.intake.core.sla.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When chat is open: the {@code chat} business calendar decides, and a chat that is running when the calendar closes
 * may go on for a grace period. New chats are refused as soon as the calendar closes.
 */
public final class ChatHours {

    private final BusinessCalendar calendar;
    private final Duration closingGrace;

    public ChatHours(BusinessCalendar calendar, Duration closingGrace) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.closingGrace = Objects.requireNonNull(closingGrace, "closingGrace");
        if (closingGrace.isNegative()) {
            throw new IllegalArgumentException("intake.chat.closing-grace: must not be negative, was " + closingGrace);
        }
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    public boolean isOpen(Instant now) {
        return calendar.isOpen(now);
    }

    /** The next opening when closed, else null. */
    public Instant opensAt(Instant now) {
        return calendar.isOpen(now) ? null : calendar.nextOpening(now);
    }

    /** The end of the current opening when open, else null. */
    public Instant closesAt(Instant now) {
        return calendar.isOpen(now) ? calendar.nextClosing(now) : null;
    }

    /** How long a chat started at {@code start} (when open) may go on: the closing that follows, plus the grace. */
    public Instant continueUntil(Instant start) {
        return calendar.nextClosing(start).plus(closingGrace);
    }
}
