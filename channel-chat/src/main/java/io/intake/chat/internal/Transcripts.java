package io.intake.chat.internal;

import io.intake.chat.internal.ChatStore.Batch;
import io.intake.chat.internal.ChatStore.Message;
import io.intake.chat.internal.ChatStore.Session;
import io.intake.core.IntakeException;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A chat's way into the ticket: the first visitor message opens it (tried again until it is stored), later messages
 * follow as transcript updates, at most one per chat per interval (sooner when many are waiting or the chat ended).
 * A batch's range is fixed in the chat store before it is sent, so a batch sent again after a crash has the same
 * source reference and the pipeline answers DUPLICATE instead of adding it twice.
 */
public final class Transcripts {

    private static final Logger log = LoggerFactory.getLogger(Transcripts.class);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** Told when a chat's ticket is opened, to tell the visitor and the agent. */
    public interface Listener {
        void ticketOpened(String chatId, IntakeResult.Accepted ticket);
    }

    /** Messages of a chat not yet in its ticket: since when, and how many. */
    private record Pending(Instant since, int count) {
        Pending plus(Pending other) {
            return new Pending(since.isBefore(other.since) ? since : other.since, count + other.count);
        }
    }

    private final ChatStore store;
    private final IntakeGateway gateway;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration interval;
    private final int maxMessages;
    private final Listener listener;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Set<String> withoutTicket = ConcurrentHashMap.newKeySet();

    public Transcripts(ChatStore store, IntakeGateway gateway, Clock clock, ZoneId zone, Duration interval,
                       int maxMessages, Listener listener) {
        this.store = store;
        this.gateway = gateway;
        this.clock = clock;
        this.zone = zone;
        this.interval = interval;
        this.maxMessages = maxMessages;
        this.listener = listener;
    }

    /**
     * Picks up the work the store holds: transcripts not yet written, tickets not yet opened. Run at start (what a
     * previous run left) and then every {@link #RESCAN} from {@link #flush}, so the chats of a node that died are
     * finished by the nodes that share its database. Two nodes writing one batch send the same source reference.
     */
    public void recover() {
        Instant now = clock.instant();
        lastScan = now;
        Instant since = now.minus(LOOK_BACK);
        for (Session s : store.withTranscriptDue(since, 100_000)) {
            pending.putIfAbsent(s.chatId(), new Pending(now, s.lastId() - s.transcriptUpto()));
        }
        for (Session s : store.withoutTicket(since, 100_000)) {
            withoutTicket.add(s.chatId());
        }
    }

    /**
     * The most messages in one transcript update: 40 of the longest (2,000 characters) stay within the pipeline's
     * default body limit of 100,000 characters, so a backlog is never refused for its size.
     */
    static final int MAX_BATCH = 40;

    /** How far back the search goes: chats with no message for longer were finished long ago, or never will be. */
    static final Duration LOOK_BACK = Duration.ofDays(7);

    /** How often the store is searched for work another node left. */
    static final Duration RESCAN = Duration.ofMinutes(1);

    private volatile Instant lastScan = Instant.MIN;

    /** Chats with messages waiting to reach their ticket (for health and tests). */
    public int waiting() {
        return pending.size();
    }

    /** A message was stored in a chat that has its first message already. */
    public void stored(String chatId) {
        pending.merge(chatId, new Pending(clock.instant(), 1), Pending::plus);
    }

    /** The chat ended: what it has left goes to the ticket at the next flush. */
    public void ended(String chatId) {
        pending.merge(chatId, new Pending(Instant.EPOCH, 1), Pending::plus);
    }

    /**
     * Opens the chat's ticket from its first message. When the chat store or the gateway fails, the chat is kept for a
     * new try at each flush (the message itself is stored: the visitor has its ack).
     */
    public void openTicket(String chatId, Message first) {
        try {
            Session s = store.find(chatId).orElse(null);
            if (s == null) {
                withoutTicket.remove(chatId);
                return;
            }
            IntakeResult result = gateway.submit(IntakeRequest.builder(Channel.CHAT, "chat:" + chatId)
                    .conversationKey("chat:" + chatId)
                    .requester(new Requester(s.name(), s.email(), null, s.account()))
                    .site(s.site() == null ? null : new Site(Forms.siteId(s.site()), s.site()))
                    .subject("Chat: " + Forms.preview(first.text()))
                    .body(first.text())
                    .receivedAt(first.at())
                    .attributes(Map.of("chat.id", chatId))
                    .build());
            if (result instanceof IntakeResult.Accepted accepted) {
                store.ticketOpened(chatId, accepted.ticketNumber().toString(), accepted.severity().name(),
                        accepted.responseDue());
                withoutTicket.remove(chatId);
                int lastId = store.find(chatId).map(Session::lastId).orElse(first.id());
                if (lastId > 1) {   // written before the ticket was opened (an agent's greeting, later messages)
                    pending.merge(chatId, new Pending(clock.instant(), lastId - 1), Pending::plus);
                }
                log.info("Chat {}: ticket {} {} ({})", chatId, accepted.ticketNumber(),
                        accepted.outcome().name().toLowerCase(), accepted.severity());
                listener.ticketOpened(chatId, accepted);
            } else {
                withoutTicket.remove(chatId);
                log.warn("Chat {}: the ticket was refused: {}", chatId, ((IntakeResult.Rejected) result).reason());
            }
        } catch (InvalidFieldException e) {
            withoutTicket.remove(chatId);   // the same text would fail again; the edge should have refused it
            log.error("Chat {}: the ticket cannot be made from the first message and is not tried again: {}", chatId,
                    e.getMessage());
        } catch (IntakeException e) {
            withoutTicket.add(chatId);
            log.warn("Chat {}: the ticket could not be recorded yet, will try again: {}", chatId, e.getMessage());
        }
    }

    /** Retries tickets not yet opened and writes the transcripts that are due; {@code open} says a chat goes on. */
    public void flush(Predicate<String> open) {
        if (!lastScan.plus(RESCAN).isAfter(clock.instant())) {
            recover();
        }
        for (String chatId : List.copyOf(withoutTicket)) {
            store.messages(chatId, 0, Integer.MAX_VALUE).stream()
                    .filter(m -> m.author() == ChatStore.Author.VISITOR).findFirst()
                    .ifPresentOrElse(first -> openTicket(chatId, first), () -> withoutTicket.remove(chatId));
        }
        Instant now = clock.instant();
        for (Map.Entry<String, Pending> e : Map.copyOf(pending).entrySet()) {
            String chatId = e.getKey();
            Pending p = e.getValue();
            boolean due = p.count() >= maxMessages || !p.since().plus(interval).isAfter(now) || !open.test(chatId);
            if (!due || withoutTicket.contains(chatId)) {
                continue;
            }
            pending.remove(chatId, p);
            try {
                if (!write(chatId)) {
                    pending.merge(chatId, p, Pending::plus);   // more remain, or its ticket is still being opened
                }
            } catch (IntakeException failure) {
                pending.merge(chatId, p, Pending::plus);
                log.warn("Chat {}: transcript not written yet, will try again: {}", chatId, failure.getMessage());
            }
        }
    }

    /**
     * Adds the chat's next messages not yet in its ticket as one update; false when more remain (a long backlog) or
     * the chat's ticket is still to be opened, so it stays waiting. A chat whose visitor never wrote has no ticket
     * and never will: its entry is dropped.
     */
    private boolean write(String chatId) {
        Session s = store.find(chatId).orElse(null);
        if (s == null || s.lastVisitorSeq() == 0) {
            return true;
        }
        if (s.ticketNumber() == null) {
            return false;
        }
        Batch batch = store.beginTranscript(chatId, MAX_BATCH).orElse(null);
        if (batch == null) {
            return true;
        }
        StringBuilder text = new StringBuilder();
        for (Message m : store.messages(chatId, batch.from(), batch.to())) {
            if (m.visitorSeq() != null && m.visitorSeq() == 1) {
                continue;   // the visitor's first message is the ticket's own text
            }
            text.append('[').append(CLOCK_TIME.format(m.at().atZone(zone))).append("] ");
            switch (m.author()) {
                case VISITOR -> text.append(s.name()).append(": ");
                case AGENT -> text.append(m.authorName()).append(" (agent): ");
                case SYSTEM -> text.append("— ");
            }
            text.append(m.text()).append('\n');
        }
        if (text.length() == 0) {
            store.finishTranscript(batch);
            return s.lastId() <= batch.to();
        }
        IntakeRequest request = IntakeRequest.builder(Channel.CHAT,
                        "chat:" + chatId + ":transcript:" + batch.from() + "-" + batch.to())
                .conversationKey("chat:" + chatId)
                .requester(new Requester(s.name(), s.email(), null, s.account()))
                .subject("Chat transcript")
                .body(text.toString().strip())
                .receivedAt(clock.instant())
                .attributes(Map.of("chat.id", chatId, "chat.transcript", batch.from() + 1 + "-" + batch.to()))
                .build();
        IntakeResult result = gateway.submit(request);
        if (result instanceof IntakeResult.Rejected rejected) {
            log.error("Chat {}: transcript {}-{} was refused and is kept in the chat store only: {}", chatId,
                    batch.from() + 1, batch.to(), rejected.reason());
        }
        store.finishTranscript(batch);
        return s.lastId() <= batch.to();   // a long backlog goes in several updates
    }
}
