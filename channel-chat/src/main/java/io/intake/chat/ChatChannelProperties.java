package io.intake.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code intake.chat.*}: the chat channel's settings. Open hours are the business calendar named by {@code calendar}
 * ({@code intake.sla.calendars.chat}, by default 09:00–18:00 America/Chicago every day).
 *
 * @param enabled               false switches the channel off
 * @param calendar              the business calendar of the open hours
 * @param allowedOrigins        origins (patterns such as {@code https://*.example.com}) whose pages may open the
 *                              visitor socket; empty allows only the gateway's own origin
 * @param closingGrace          how long a chat running at closing time may go on
 * @param idleTimeout           a chat with no message for this long ends; a socket silent this long is closed
 * @param maxMessageChars       the longest message text
 * @param maxFrameBytes         the largest STOMP frame; a bigger one closes the connection. Each connection holds
 *                              buffers of this size, so it bounds memory per visitor too
 * @param transcriptInterval    messages are added to the ticket at most this often per chat (and when it ends)
 * @param transcriptMaxMessages ... or as soon as this many are waiting
 * @param outagePhone           the phone line shown when chat is closed ("phones down? call ...")
 * @param agentRole             the role an agent needs (the web portal's staff role)
 * @param agentLoginPage        where an agent who is not signed in is sent
 * @param maxOpenChats          the most chats open at once; more are refused as busy
 * @param limits                rate limits
 */
@ConfigurationProperties("intake.chat")
public record ChatChannelProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("chat") String calendar,
        List<String> allowedOrigins,
        @DefaultValue("15m") Duration closingGrace,
        @DefaultValue("15m") Duration idleTimeout,
        @DefaultValue("2000") int maxMessageChars,
        @DefaultValue("16384") int maxFrameBytes,
        @DefaultValue("30s") Duration transcriptInterval,
        @DefaultValue("20") int transcriptMaxMessages,
        String outagePhone,
        @DefaultValue("STAFF") String agentRole,
        @DefaultValue("/portal/login") String agentLoginPage,
        @DefaultValue("5000") int maxOpenChats,
        @DefaultValue Limits limits) {

    public ChatChannelProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        limits = limits == null ? Limits.DEFAULTS : limits;
    }

    /** The defaults, as Spring would bind them from no settings at all. */
    public static final ChatChannelProperties DEFAULTS = new ChatChannelProperties(true, "chat", List.of(),
            Duration.ofMinutes(15), Duration.ofMinutes(15), 2000, 16384, Duration.ofSeconds(30), 20, null, "STAFF",
            "/portal/login", 5000, Limits.DEFAULTS);

    /**
     * Rate limits. A chat may send {@code messagesPerMinute} messages ({@code messageBurst} at once); one address may
     * start {@code startsPerMinute} chats or left messages ({@code startBurst} at once) and send
     * {@code addressMessagesPerMinute} messages over all its chats ({@code addressMessageBurst} at once). Typing
     * notices over twice a second are dropped.
     */
    public record Limits(@DefaultValue("30") int messagesPerMinute,
                         @DefaultValue("10") int messageBurst,
                         @DefaultValue("10") int startsPerMinute,
                         @DefaultValue("5") int startBurst,
                         @DefaultValue("600") int addressMessagesPerMinute,
                         @DefaultValue("100") int addressMessageBurst) {

        public static final Limits DEFAULTS = new Limits(30, 10, 10, 5, 600, 100);
    }

    /** Every setting that is out of range, named; empty when all are fine. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        positive(problems, "intake.chat.max-message-chars", maxMessageChars);
        if (maxMessageChars > 8000) {
            problems.add("intake.chat.max-message-chars: at most 8000, was " + maxMessageChars);
        }
        if (maxFrameBytes < 4096) {
            problems.add("intake.chat.max-frame-bytes: at least 4096, was " + maxFrameBytes);
        } else if (maxMessageChars > 0 && maxFrameBytes < 6 * maxMessageChars + 512) {
            problems.add("intake.chat.max-frame-bytes: at least " + (6 * maxMessageChars + 512) + " (6 bytes for each of "
                    + "intake.chat.max-message-chars, as JSON escapes them, and 512 for the frame), was " + maxFrameBytes);
        }
        positive(problems, "intake.chat.transcript-max-messages", transcriptMaxMessages);
        positive(problems, "intake.chat.max-open-chats", maxOpenChats);
        positive(problems, "intake.chat.limits.messages-per-minute", limits.messagesPerMinute());
        positive(problems, "intake.chat.limits.message-burst", limits.messageBurst());
        positive(problems, "intake.chat.limits.starts-per-minute", limits.startsPerMinute());
        positive(problems, "intake.chat.limits.start-burst", limits.startBurst());
        positive(problems, "intake.chat.limits.address-messages-per-minute", limits.addressMessagesPerMinute());
        positive(problems, "intake.chat.limits.address-message-burst", limits.addressMessageBurst());
        duration(problems, "intake.chat.closing-grace", closingGrace, true);
        duration(problems, "intake.chat.idle-timeout", idleTimeout, false);
        duration(problems, "intake.chat.transcript-interval", transcriptInterval, false);
        return problems;
    }

    private static void positive(List<String> problems, String name, int value) {
        if (value < 1) {
            problems.add(name + ": must be at least 1, was " + value);
        }
    }

    private static void duration(List<String> problems, String name, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || !zeroAllowed && value.isZero()) {
            problems.add(name + ": must be " + (zeroAllowed ? "zero or more" : "more than zero") + ", was " + value);
        }
    }
}
