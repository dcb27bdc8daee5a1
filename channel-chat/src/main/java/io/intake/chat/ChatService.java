package io.intake.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.chat.internal.AgentDesk;
import io.intake.chat.internal.ChatStore;
import io.intake.chat.internal.ChatStore.Appended;
import io.intake.chat.internal.ChatStore.Author;
import io.intake.chat.internal.ChatStore.Message;
import io.intake.chat.internal.ChatStore.Session;
import io.intake.chat.internal.ChatStore.State;
import io.intake.chat.internal.Forms;
import io.intake.chat.internal.OpenChat;
import io.intake.chat.internal.Replies;
import io.intake.chat.internal.Transcripts;
import io.intake.core.IntakeException;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.limit.RateLimiter;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.intake.chat.internal.Replies.error;
import static io.intake.chat.internal.Replies.invalid;
import static io.intake.chat.internal.Replies.problem;
import static io.intake.chat.internal.Replies.rateLimited;

/**
 * The chat channel, independent of the transport: visitors start chats inside the open hours, every message is
 * committed before it is acknowledged, the first one opens a ticket, later ones (and the agent's) reach the ticket in
 * transcript updates ({@code Transcripts}); agents claim, answer and end chats ({@code AgentDesk}). Replies and pushes
 * go through {@link ChatOutbound}; the message protocol is {@code docs/chat-protocol.md}.
 *
 * <p>Calls for one connection must not run concurrently (the STOMP configuration preserves each session's order);
 * calls for different connections may.
 */
public final class ChatService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final int SWEEP_BATCH = 200;

    /** What a visitor connection is and which chat it is bound to; kept by the transport per connection. */
    public interface Visitor {
        /** The connection's principal name, for pushes. */
        String connection();

        /** The client's network address, for per-address limits. */
        String address();

        /** The chat this connection started or resumed, or null. */
        String chatId();

        void bind(String chatId);
    }

    private final ChatStore store;
    private final IntakeGateway gateway;
    private final ChatHours hours;
    private final ChatChannelProperties settings;
    private final Clock clock;
    private final ChatOutbound out;
    private final ZoneId zone;
    private final Map<String, OpenChat> open = new ConcurrentHashMap<>();
    private final Transcripts transcripts;
    private final AgentDesk desk;
    private final RateLimiter chatMessages;
    private final RateLimiter addressMessages;
    private final RateLimiter addressStarts;
    private final RateLimiter typing;
    private final Executor ticketOpener;
    private final ExecutorService ownPool;
    private ScheduledExecutorService scheduler;

    public ChatService(ChatStore store, IntakeGateway gateway, ChatHours hours, ChatChannelProperties settings,
                       Clock clock, ChatOutbound out) {
        this(store, gateway, hours, settings, clock, out, null);
    }

    /**
     * @param ticketOpener runs the opening of each chat's ticket, after the first message is acknowledged, so a burst
     *                     of new chats does not hold up the messages of the others; null for a pool of two threads
     */
    ChatService(ChatStore store, IntakeGateway gateway, ChatHours hours, ChatChannelProperties settings, Clock clock,
                ChatOutbound out, Executor ticketOpener) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.store = store;
        this.gateway = gateway;
        this.hours = hours;
        this.settings = settings;
        this.clock = clock;
        this.out = out;
        this.zone = hours.calendar().zone();
        ChatChannelProperties.Limits l = settings.limits();
        int tracked = Math.max(10_000, settings.maxOpenChats() * 2);
        this.chatMessages = new RateLimiter(l.messagesPerMinute(), l.messageBurst(), tracked, clock);
        this.addressMessages = new RateLimiter(l.addressMessagesPerMinute(), l.addressMessageBurst(), tracked, clock);
        this.addressStarts = new RateLimiter(l.startsPerMinute(), l.startBurst(), tracked, clock);
        this.typing = new RateLimiter(120, 2, tracked, clock);
        this.transcripts = new Transcripts(store, gateway, clock, zone, settings.transcriptInterval(),
                settings.transcriptMaxMessages(), this::ticketOpened);
        this.desk = new AgentDesk(store, open, out, clock, zone, settings.maxMessageChars(), transcripts, typing,
                this::endChat);
        if (ticketOpener == null) {
            AtomicInteger threads = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "intake-chat-tickets-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.ticketOpener = pool;
            this.ownPool = pool;
        } else {
            this.ticketOpener = ticketOpener;
            this.ownPool = null;
        }
    }

    /** How agents are named to visitors (by default, by their login). */
    public void agentNames(ChatAgentNames names) {
        desk.names(names);
    }

    /** Picks up what a previous run left and starts the sweeper. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        recover();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "intake-chat-sweeper");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::sweepSafely, 1, 1, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::publishQueueSafely, 250, 250, TimeUnit.MILLISECONDS);
        log.info("Chat channel started: {} open chat(s), hours {}, closing grace {}", open.size(),
                hours.calendar().describe(), settings.closingGrace());
    }

    /** Loads the open chats and the work a previous run left: transcripts not yet written, tickets not yet opened. */
    void recover() {
        for (Session s : store.open(settings.maxOpenChats())) {
            open.put(s.chatId(), new OpenChat(s.chatId(), s.continueUntil(), s.agent()));
        }
        transcripts.recover();
    }

    /** Stops the sweeper and lets tickets being opened finish (briefly); what is left is found again at start. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (ownPool != null) {
            ownPool.shutdown();
            try {
                ownPool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- visitors

    /** The status message: open or not, when it opens or closes, agents online. */
    public Map<String, Object> status() {
        Instant now = clock.instant();
        Map<String, Object> m = Replies.message("status");
        m.put("open", hours.isOpen(now));
        m.put("agents_online", desk.online());
        m.put("opens_at", time(hours.opensAt(now)));
        m.put("closes_at", time(hours.closesAt(now)));
        m.put("zone", zone.getId());
        m.put("outage_phone", settings.outagePhone());
        m.put("max_message_chars", settings.maxMessageChars());
        return m;
    }

    public void status(Visitor v) {
        out.toVisitor(v.connection(), status());
    }

    public void start(Visitor v, JsonNode body) {
        Instant now = clock.instant();
        if (!hours.isOpen(now)) {
            Map<String, Object> closed = status();
            closed.put("type", "closed");
            out.toVisitor(v.connection(), closed);
            return;
        }
        long wait = addressStarts.acquireMillis(v.address());
        if (wait > 0) {
            out.toVisitor(v.connection(), rateLimited(wait, "starting chats"));
            return;
        }
        List<Map<String, String>> problems = new ArrayList<>();
        Forms.Contact who = Forms.contact(body, true, problems);
        if (!problems.isEmpty()) {
            out.toVisitor(v.connection(), invalid(problems));
            return;
        }
        if (open.size() >= settings.maxOpenChats()) {
            out.toVisitor(v.connection(), error("busy", "Too many chats are open right now; please leave a message "
                    + "instead and we will answer by email."));
            return;
        }
        String chatId = Forms.random(16);
        String token = Forms.random(32);
        Instant until = hours.continueUntil(now);
        try {
            store.create(new Session(chatId, Forms.hash(token), who.name(), who.email(), who.account(), who.site(),
                    v.address(), State.WAITING, null, now, now, until, null, null, null, null, null, null, 0, 0, 0, null));
        } catch (IntakeException e) {
            log.warn("Chat could not be started: {}", e.getMessage());
            out.toVisitor(v.connection(), Replies.unavailable());
            return;
        }
        OpenChat chat = new OpenChat(chatId, until, null);
        chat.connection(v.connection());
        open.put(chatId, chat);
        v.bind(chatId);
        int agents = desk.online();
        Map<String, Object> started = Replies.message("started");
        started.put("chat_id", chatId);
        started.put("resume_token", token);
        started.put("agents_online", agents);
        started.put("continue_until", time(until));
        out.toVisitor(v.connection(), started);
        out.toVisitor(v.connection(), agents == 0
                ? Replies.notice("no_agent", "No agent is online right now. Write your question: it becomes a ticket "
                        + "and we answer by email.")
                : Replies.notice("queued", "An agent will be with you shortly."));
        desk.queueChanged();
    }

    public void message(Visitor v, JsonNode body) {
        String chatId = v.chatId();
        if (chatId == null) {
            out.toVisitor(v.connection(), error("not_started", "Start or resume a chat first."));
            return;
        }
        JsonNode seqNode = body.path("seq");
        if (!seqNode.isIntegralNumber() || !seqNode.canConvertToInt() || seqNode.asInt() < 1) {
            out.toVisitor(v.connection(), invalid(List.of(problem("seq", "must be a whole number from 1"))));
            return;
        }
        int seq = seqNode.asInt();
        long wait = Math.max(chatMessages.acquireMillis(chatId), addressMessages.acquireMillis(v.address()));
        if (wait > 0) {
            Map<String, Object> limited = rateLimited(wait, "messages");
            limited.put("seq", seq);
            out.toVisitor(v.connection(), limited);
            return;
        }
        String text = Forms.text(body);
        if (text.isEmpty()) {
            Map<String, Object> e = invalid(List.of(problem("text", "is required")));
            e.put("seq", seq);
            out.toVisitor(v.connection(), e);
            return;
        }
        if (text.length() > settings.maxMessageChars()) {
            Map<String, Object> e = Replies.tooLong(text.length(), settings.maxMessageChars());
            e.put("seq", seq);
            out.toVisitor(v.connection(), e);
            return;
        }
        if (Forms.hasControlCharacters(text)) {
            Map<String, Object> e = invalid(List.of(problem("text", "must not hold control characters other than "
                    + "line ends and tabs")));
            e.put("seq", seq);
            out.toVisitor(v.connection(), e);
            return;
        }
        Instant now = clock.instant();
        OpenChat chat = open.get(chatId);
        if (chat != null && now.isAfter(chat.continueUntil())) {
            endChat(chatId, "closing_time");
            out.toVisitor(v.connection(), error("closed", "Chat has closed for today; your conversation continues "
                    + "as a ticket answered by email.", seq));
            return;
        }
        Appended appended;
        try {
            appended = store.appendVisitor(chatId, seq, text, Forms.preview(text), now);
        } catch (IntakeException e) {
            log.warn("Chat {}: message {} could not be stored: {}", chatId, seq, e.getMessage());
            Map<String, Object> unavailable = Replies.unavailable();
            unavailable.put("seq", seq);
            out.toVisitor(v.connection(), unavailable);
            return;
        }
        answer(v, chat, seq, appended);
    }

    /** Acknowledges a stored (or already stored) message, or says why it was not stored. */
    private void answer(Visitor v, OpenChat chat, int seq, Appended appended) {
        if (appended instanceof Appended.Stored stored) {
            out.toVisitor(v.connection(), Replies.ack(seq));
            if (chat != null) {
                chat.connection(v.connection());
                desk.forward(chat, stored.message());
            }
            if (stored.first()) {
                String chatId = v.chatId();
                try {
                    ticketOpener.execute(() -> transcripts.openTicket(chatId, stored.message()));
                } catch (RejectedExecutionException shuttingDown) {
                    transcripts.openTicket(chatId, stored.message());
                }
                desk.queueChanged();
            } else {
                transcripts.stored(v.chatId());
            }
        } else if (appended instanceof Appended.Duplicate) {
            out.toVisitor(v.connection(), Replies.ack(seq));
        } else if (appended instanceof Appended.Gap gap) {
            Map<String, Object> e = error("seq", "Messages must be numbered in order; send " + gap.expected()
                    + " next.", seq);
            e.put("expected", gap.expected());
            out.toVisitor(v.connection(), e);
        } else if (appended instanceof Appended.Ended ended) {
            out.toVisitor(v.connection(), Replies.ended(ended.session().endedReason(), ended.session().ticketNumber()));
        } else {
            out.toVisitor(v.connection(), error("unknown_chat", "This chat is unknown."));
        }
    }

    public void typing(Visitor v, JsonNode body) {
        String chatId = v.chatId();
        OpenChat chat = chatId == null ? null : open.get(chatId);
        if (chat == null || chat.agent() == null || typing.acquireMillis(chatId) > 0) {
            return;
        }
        Map<String, Object> m = Replies.message("typing");
        m.put("chat_id", chatId);
        m.put("typing", body.path("typing").asBoolean(true));
        out.toAgent(chat.agent(), m);
    }

    public void resume(Visitor v, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        if (addressMessages.acquireMillis(v.address()) > 0) {
            out.toVisitor(v.connection(), rateLimited(1000, "resuming"));
            return;
        }
        Session s = Forms.isChatId(chatId) ? store.find(chatId).orElse(null) : null;
        if (s == null) {
            out.toVisitor(v.connection(), error("unknown_chat", "This chat is unknown."));
            return;
        }
        if (!Forms.tokenMatches(body.path("resume_token").asText(""), s.tokenHash())) {
            out.toVisitor(v.connection(), error("bad_token", "The resume token does not match this chat."));
            return;
        }
        v.bind(chatId);
        OpenChat chat = open.get(chatId);
        if (chat != null) {
            chat.connection(v.connection());
        }
        Map<String, Object> m = Replies.message("resumed");
        m.put("chat_id", chatId);
        m.put("state", s.state().name().toLowerCase());
        m.put("last_seq", s.lastVisitorSeq());
        m.put("ticket", Replies.ticket(s, zone));
        m.put("agent", s.agent() == null ? null : desk.displayName(s.agent()));
        if (s.state() == State.ENDED) {
            m.put("reason", s.endedReason());
        }
        List<Map<String, Object>> missed = new ArrayList<>();
        int lastId = Math.max(0, body.path("last_id").asInt(0));
        for (Message msg : store.messages(chatId, lastId, Integer.MAX_VALUE)) {
            if (msg.author() != Author.VISITOR) {
                missed.add(Replies.forVisitor(msg, zone));
            }
        }
        m.put("messages", missed);
        out.toVisitor(v.connection(), m);
    }

    public void leaveMessage(Visitor v, JsonNode body) {
        long wait = addressStarts.acquireMillis(v.address());
        if (wait > 0) {
            out.toVisitor(v.connection(), rateLimited(wait, "messages left"));
            return;
        }
        List<Map<String, String>> problems = new ArrayList<>();
        Forms.Contact who = Forms.contact(body, false, problems);
        String text = Forms.text(body);
        if (text.isEmpty()) {
            problems.add(problem("text", "is required"));
        } else if (text.length() > settings.maxMessageChars()) {
            problems.add(problem("text", "is " + text.length() + " characters; at most " + settings.maxMessageChars()
                    + " (intake.chat.max-message-chars)"));
        } else if (Forms.hasControlCharacters(text)) {
            problems.add(problem("text", "must not hold control characters other than line ends and tabs"));
        }
        String clientRef = body.path("client_ref").asText("");
        if (!clientRef.isEmpty() && !Forms.isClientRef(clientRef)) {
            problems.add(problem("client_ref", "8 to 64 letters, digits, '-' or '_'"));
        }
        if (!problems.isEmpty()) {
            out.toVisitor(v.connection(), invalid(problems));
            return;
        }
        Instant now = clock.instant();
        String ref = clientRef.isEmpty() ? Forms.random(16) : clientRef;
        IntakeRequest request = IntakeRequest.builder(Channel.CHAT, "chat-message:" + ref)
                .requester(who.requester())
                .site(who.site() == null ? null : new Site(Forms.siteId(who.site()), who.site()))
                .subject("Chat message: " + Forms.preview(text))
                .body(text)
                .receivedAt(now)
                .attributes(Map.of("chat.left_message", "true", "chat.open", Boolean.toString(hours.isOpen(now))))
                .build();
        try {
            IntakeResult result = gateway.submit(request);
            if (result instanceof IntakeResult.Accepted accepted) {
                Map<String, Object> m = Replies.message("message_left");
                m.put("number", accepted.ticketNumber().toString());
                m.put("severity", accepted.severity().name());
                m.put("response_due", time(accepted.responseDue()));
                out.toVisitor(v.connection(), m);
            } else {
                List<Map<String, String>> refused = new ArrayList<>();
                ((IntakeResult.Rejected) result).problems().forEach(p -> refused.add(problem(p.field(), p.message())));
                out.toVisitor(v.connection(), invalid(refused));
            }
        } catch (IntakeException e) {
            log.warn("A left chat message could not be recorded: {}", e.getMessage());
            out.toVisitor(v.connection(), Replies.unavailable());
        }
    }

    public void end(Visitor v) {
        String chatId = v.chatId();
        if (chatId == null) {
            out.toVisitor(v.connection(), error("not_started", "Start or resume a chat first."));
            return;
        }
        if (!endChat(chatId, "visitor")) {
            store.find(chatId).ifPresent(s -> out.toVisitor(v.connection(),
                    Replies.ended(s.endedReason(), s.ticketNumber())));
        }
    }

    // ---------------------------------------------------------------- agents (see AgentDesk)

    public void agentConnected(String session, String agent) {
        desk.connected(session, agent);
    }

    public void agentDisconnected(String session) {
        desk.disconnected(session);
    }

    public int agentsOnline() {
        return desk.online();
    }

    /** Chats with messages not yet in their ticket. */
    public int transcriptsWaiting() {
        return transcripts.waiting();
    }

    public void queue(String agent) {
        out.toAgent(agent, desk.queue());
    }

    public Map<String, Object> queueSnapshot() {
        return desk.queue();
    }

    public void claim(String agent, JsonNode body) {
        desk.claim(agent, body);
    }

    public void agentMessage(String agent, JsonNode body) {
        desk.message(agent, body);
    }

    public void agentTyping(String agent, JsonNode body) {
        desk.typing(agent, body);
    }

    public void agentEnd(String agent, JsonNode body) {
        desk.end(agent, body);
    }

    // ---------------------------------------------------------------- the ticket, ending and sweeping

    private void ticketOpened(String chatId, IntakeResult.Accepted accepted) {
        Map<String, Object> m = Replies.message("ticket");
        m.put("number", accepted.ticketNumber().toString());
        m.put("severity", accepted.severity().name());
        m.put("response_due", time(accepted.responseDue()));
        OpenChat chat = open.get(chatId);
        if (chat != null && chat.connection() != null) {
            out.toVisitor(chat.connection(), m);
        }
        if (chat != null) {
            desk.ticketOpened(chat, m);
        }
    }

    /** Ends the chat and tells both sides; false when it had ended already. */
    private boolean endChat(String chatId, String reason) {
        Instant now = clock.instant();
        if (!store.end(chatId, reason, now)) {
            return false;
        }
        OpenChat chat = open.remove(chatId);
        transcripts.ended(chatId);
        chatMessages.forget(chatId);
        String ticket = null;
        try {
            store.appendOther(chatId, Author.SYSTEM, null, "Chat ended (" + reason.replace('_', ' ') + ")", now);
            ticket = store.find(chatId).map(Session::ticketNumber).orElse(null);
        } catch (IntakeException e) {
            log.warn("Chat {} ended ({}); its closing line was not stored: {}", chatId, reason, e.getMessage());
        }
        if (chat != null && chat.connection() != null) {
            out.toVisitor(chat.connection(), Replies.ended(reason, ticket));
        }
        if (chat != null && chat.agent() != null) {
            Map<String, Object> m = Replies.ended(reason, ticket);
            m.put("chat_id", chatId);
            out.toAgent(chat.agent(), m);
        }
        desk.queueChanged();
        log.info("Chat {} ended ({}), ticket {}", chatId, reason, ticket);
        return true;
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Chat sweep failed, will try again: {}", e.getMessage(), e);
        }
    }

    /** Ends chats past their grace or idle, warns at closing time, retries tickets, writes due transcripts. */
    void sweep() {
        Instant now = clock.instant();
        for (Session s : store.expired(now, now.minus(settings.idleTimeout()), SWEEP_BATCH)) {
            endChat(s.chatId(), s.continueUntil().isBefore(now) ? "closing_time" : "idle");
        }
        if (!hours.isOpen(now)) {
            for (OpenChat chat : open.values()) {
                if (chat.connection() != null && chat.firstClosingNotice()) {
                    Map<String, Object> m = Replies.notice("closing_soon", "Chat has closed for today. This "
                            + "conversation can go on until " + CLOCK_TIME.format(chat.continueUntil().atZone(zone))
                            + " " + zone.getId() + "; after that we answer by email.");
                    m.put("until", time(chat.continueUntil()));
                    out.toVisitor(chat.connection(), m);
                }
            }
        }
        if (!lastPrune.plus(PRUNE).isAfter(now)) {
            lastPrune = now;
            pruneEnded();
        }
        transcripts.flush(open::containsKey);
    }

    /** How often open chats are checked against the store (another node may have ended them). */
    private static final java.time.Duration PRUNE = java.time.Duration.ofMinutes(1);

    private Instant lastPrune = Instant.EPOCH;

    /** Forgets the chats the store says have ended (by another node's sweeper), telling their visitor and agent. */
    private void pruneEnded() {
        for (OpenChat chat : List.copyOf(open.values())) {
            Session s = store.find(chat.chatId()).orElse(null);
            if (s != null && s.state() != State.ENDED) {
                continue;
            }
            open.remove(chat.chatId());
            chatMessages.forget(chat.chatId());
            String reason = s == null ? "unknown" : s.endedReason();
            String ticket = s == null ? null : s.ticketNumber();
            if (chat.connection() != null) {
                out.toVisitor(chat.connection(), Replies.ended(reason, ticket));
            }
            if (chat.agent() != null) {
                Map<String, Object> m = Replies.ended(reason, ticket);
                m.put("chat_id", chat.chatId());
                out.toAgent(chat.agent(), m);
            }
            desk.queueChanged();
        }
    }

    private void publishQueueSafely() {
        try {
            desk.publishQueueIfChanged();
        } catch (RuntimeException e) {
            log.warn("Chat queue not published: {}", e.getMessage());
        }
    }

    private String time(Instant instant) {
        return Replies.time(instant, zone);
    }
}
