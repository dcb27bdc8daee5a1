package io.intake.chat;

import io.intake.core.IntakeException;
import io.intake.core.sla.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When chat is open: the {@code chat} business calendar decides, and a chat that is running when the calendar closes
 * may go on for a grace period. New chats are refused as soon as the calendar closes. A calendar open around the
 * clock ({@code daily 00:00-24:00} without holidays) has no closing: chats are always open and never cut short.
 */
public final class ChatHours {

    /** How long a chat may go on when the calendar never closes (idle chats end long before). */
    public static final Duration AROUND_THE_CLOCK = Duration.ofDays(365);

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

    /** The end of the current opening when open, else null; null too when the calendar never closes. */
    public Instant closesAt(Instant now) {
        return calendar.isOpen(now) ? nextClosing(now) : null;
    }

    /**
     * How long a chat started at {@code start} (when open) may go on: the closing that follows, plus the grace; when the
     * calendar never closes, {@link #AROUND_THE_CLOCK} from the start.
     */
    public Instant continueUntil(Instant start) {
        Instant closing = nextClosing(start);
        return closing == null ? start.plus(AROUND_THE_CLOCK) : closing.plus(closingGrace);
    }

    /** The calendar's next closing, or null when it is open around the clock. */
    private Instant nextClosing(Instant t) {
        try {
            return calendar.nextClosing(t);
        } catch (IntakeException e) {
            return null;   // BusinessCalendar#nextClosing: open for longer than it looks ahead, so it never closes
        }
    }
}
