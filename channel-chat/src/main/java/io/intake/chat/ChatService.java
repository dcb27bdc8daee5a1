package io.intake.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.chat.internal.ChatStore;
import io.intake.chat.internal.ChatStore.Appended;
import io.intake.chat.internal.ChatStore.Author;
import io.intake.chat.internal.ChatStore.Batch;
import io.intake.chat.internal.ChatStore.Message;
import io.intake.chat.internal.ChatStore.Session;
import io.intake.chat.internal.ChatStore.State;
import io.intake.core.IntakeException;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.InvalidFieldException;
import io.intake.core.limit.RateLimiter;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The chat channel's logic, independent of the transport: visitors start chats inside the open hours, every message
 * is committed before it is acknowledged, the first one opens a ticket, later ones (and the agent's) reach the ticket
 * in transcript updates; agents claim, answer and end chats. Replies and pushes go through {@link ChatOutbound}; the
 * message protocol is {@code docs/chat-protocol.md}.
 *
 * <p>Calls for one connection must not run concurrently (the STOMP configuration preserves each session's order);
 * calls for different connections may.
 */
public final class ChatService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CLIENT_REF = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern CHAT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final int MAX_NAME = 200;
    private static final int MAX_ACCOUNT = 64;
    private static final int MAX_SITE = 200;
    private static final int QUEUE_SIZE = 200;
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

    /** A chat that has not ended, as far as this node knows. */
    private static final class OpenChat {
        final String chatId;
        final Instant continueUntil;
        volatile String agent;
        volatile String connection;
        volatile boolean closingNoticeSent;

        OpenChat(String chatId, Instant continueUntil, String agent) {
            this.chatId = chatId;
            this.continueUntil = continueUntil;
            this.agent = agent;
        }
    }

    /** Messages of a chat not yet in its ticket: since when, and how many. */
    private record Pending(Instant since, int count) {
    }

    private final ChatStore store;
    private final IntakeGateway gateway;
    private final ChatHours hours;
    private final ChatChannelProperties settings;
    private final Clock clock;
    private final ChatOutbound out;
    private final ZoneId zone;
    private volatile ChatAgentNames agentNames = ChatAgentNames.LOGIN;
    private final Map<String, OpenChat> open = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Set<String> withoutTicket = ConcurrentHashMap.newKeySet();
    private final Map<String, String> agentSessions = new ConcurrentHashMap<>();
    private final RateLimiter chatMessages;
    private final RateLimiter addressMessages;
    private final RateLimiter addressStarts;
    private final RateLimiter typing;
    private final AtomicBoolean queueChanged = new AtomicBoolean(true);
    private ScheduledExecutorService scheduler;

    public ChatService(ChatStore store, IntakeGateway gateway, ChatHours hours, ChatChannelProperties settings,
                       Clock clock, ChatOutbound out) {
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
    }

    /** How agents are named to visitors (by default, by their login). */
    public void agentNames(ChatAgentNames names) {
        this.agentNames = names == null ? ChatAgentNames.LOGIN : names;
    }

    /** Picks up what a previous run left (open chats, transcripts and tickets not yet written) and starts the sweeper. */
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
        scheduler.scheduleWithFixedDelay(this::publishQueueIfChanged, 250, 250, TimeUnit.MILLISECONDS);
        log.info("Chat channel started: {} open chat(s), hours {}, closing grace {}", open.size(),
                hours.calendar().describe(), settings.closingGrace());
    }

    /** Loads the open chats and the work a previous run left: transcripts not yet written, tickets not yet opened. */
    void recover() {
        for (Session s : store.open(settings.maxOpenChats())) {
            open.put(s.chatId(), new OpenChat(s.chatId(), s.continueUntil(), s.agent()));
        }
        Instant now = clock.instant();
        for (Session s : store.withTranscriptDue(100_000)) {
            pending.put(s.chatId(), new Pending(now, s.lastId() - s.transcriptUpto()));
        }
        for (Session s : store.withoutTicket(100_000)) {
            withoutTicket.add(s.chatId());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    // ---------------------------------------------------------------- visitors

    /** The status message: open or not, when it opens or closes, agents online. */
    public Map<String, Object> status() {
        Instant now = clock.instant();
        Map<String, Object> m = message("status");
        m.put("open", hours.isOpen(now));
        m.put("agents_online", agentsOnline());
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
        String name = field(body, "name", MAX_NAME, true, problems);
        String email = field(body, "email", Requester.MAX_EMAIL, true, problems);
        String account = field(body, "account", MAX_ACCOUNT, true, problems);
        String site = field(body, "site", MAX_SITE, false, problems);
        checkRequester(name, email, account, problems);
        if (!problems.isEmpty()) {
            out.toVisitor(v.connection(), invalid(problems));
            return;
        }
        if (open.size() >= settings.maxOpenChats()) {
            out.toVisitor(v.connection(), error("busy", "Too many chats are open right now; please leave a message "
                    + "instead and we will answer by email."));
            return;
        }
        String chatId = random(16);
        String token = random(32);
        Instant until = hours.continueUntil(now);
        try {
            store.create(new Session(chatId, hash(token), name, email, account, site, v.address(), State.WAITING, null,
                    now, now, until, null, null, null, null, null, null, 0, 0, 0, null));
        } catch (IntakeException e) {
            log.warn("Chat could not be started: {}", e.getMessage());
            out.toVisitor(v.connection(), unavailable());
            return;
        }
        OpenChat chat = new OpenChat(chatId, until, null);
        chat.connection = v.connection();
        open.put(chatId, chat);
        v.bind(chatId);
        int agents = agentsOnline();
        Map<String, Object> started = message("started");
        started.put("chat_id", chatId);
        started.put("resume_token", token);
        started.put("agents_online", agents);
        started.put("continue_until", time(until));
        out.toVisitor(v.connection(), started);
        if (agents == 0) {
            out.toVisitor(v.connection(), notice("no_agent", "No agent is online right now. Write your question: it "
                    + "becomes a ticket and we answer by email."));
        } else {
            out.toVisitor(v.connection(), notice("queued", "An agent will be with you shortly."));
        }
        queueChanged.set(true);
    }

    public void message(Visitor v, JsonNode body) {
        String chatId = v.chatId();
        if (chatId == null) {
            out.toVisitor(v.connection(), error("not_started", "Start or resume a chat first."));
            return;
        }
        JsonNode seqNode = body.path("seq");
        if (!seqNode.canConvertToInt() || !seqNode.isIntegralNumber() || seqNode.asInt() < 1) {
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
        String text = messageText(body, v.connection(), seq);
        if (text == null) {
            return;
        }
        Instant now = clock.instant();
        OpenChat chat = open.get(chatId);
        if (chat != null && now.isAfter(chat.continueUntil)) {
            endChat(chatId, "closing_time");
            Map<String, Object> closed = error("closed", "Chat has closed for today; your conversation continues as a "
                    + "ticket answered by email.");
            closed.put("seq", seq);
            out.toVisitor(v.connection(), closed);
            return;
        }
        Appended appended;
        try {
            appended = store.appendVisitor(chatId, seq, text, preview(text), now);
        } catch (IntakeException e) {
            log.warn("Chat {}: message {} could not be stored: {}", chatId, seq, e.getMessage());
            Map<String, Object> unavailable = unavailable();
            unavailable.put("seq", seq);
            out.toVisitor(v.connection(), unavailable);
            return;
        }
        if (appended instanceof Appended.Stored stored) {
            out.toVisitor(v.connection(), ack(seq));
            if (chat != null) {
                chat.connection = v.connection();
                forwardToAgent(chat, stored.message(), v.connection());
            }
            if (stored.first()) {
                openTicket(chatId, stored.message());
                queueChanged.set(true);
            } else {
                pending.merge(chatId, new Pending(now, 1), (a, b) -> new Pending(a.since(), a.count() + 1));
            }
        } else if (appended instanceof Appended.Duplicate) {
            out.toVisitor(v.connection(), ack(seq));
        } else if (appended instanceof Appended.Gap gap) {
            Map<String, Object> e = error("seq", "Messages must be numbered in order; send " + gap.expected() + " next.");
            e.put("seq", seq);
            e.put("expected", gap.expected());
            out.toVisitor(v.connection(), e);
        } else if (appended instanceof Appended.Ended ended) {
            out.toVisitor(v.connection(), ended(ended.session().endedReason(), ended.session().ticketNumber()));
        } else {
            out.toVisitor(v.connection(), error("unknown_chat", "This chat is unknown."));
        }
    }

    public void typing(Visitor v, JsonNode body) {
        String chatId = v.chatId();
        OpenChat chat = chatId == null ? null : open.get(chatId);
        if (chat == null || chat.agent == null || typing.acquireMillis(chatId) > 0) {
            return;
        }
        Map<String, Object> m = message("typing");
        m.put("chat_id", chatId);
        m.put("typing", body.path("typing").asBoolean(true));
        out.toAgent(chat.agent, m);
    }

    public void resume(Visitor v, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        String token = body.path("resume_token").asText("");
        int lastId = Math.max(0, body.path("last_id").asInt(0));
        if (addressMessages.acquireMillis(v.address()) > 0) {
            out.toVisitor(v.connection(), rateLimited(1000, "resuming"));
            return;
        }
        Session s = CHAT_ID.matcher(chatId).matches() ? store.find(chatId).orElse(null) : null;
        if (s == null) {
            out.toVisitor(v.connection(), error("unknown_chat", "This chat is unknown."));
            return;
        }
        if (!MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                s.tokenHash().getBytes(StandardCharsets.US_ASCII))) {
            out.toVisitor(v.connection(), error("bad_token", "The resume token does not match this chat."));
            return;
        }
        v.bind(chatId);
        OpenChat chat = open.get(chatId);
        if (chat != null) {
            chat.connection = v.connection();
        }
        Map<String, Object> m = message("resumed");
        m.put("chat_id", chatId);
        m.put("state", s.state().name().toLowerCase());
        m.put("last_seq", s.lastVisitorSeq());
        m.put("ticket", ticket(s));
        m.put("agent", s.agent());
        if (s.state() == State.ENDED) {
            m.put("reason", s.endedReason());
        }
        List<Map<String, Object>> missed = new ArrayList<>();
        for (Message msg : store.messages(chatId, lastId, Integer.MAX_VALUE)) {
            if (msg.author() != Author.VISITOR) {
                missed.add(toVisitor(msg));
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
        String name = field(body, "name", MAX_NAME, true, problems);
        String email = field(body, "email", Requester.MAX_EMAIL, true, problems);
        String account = field(body, "account", MAX_ACCOUNT, false, problems);
        String site = field(body, "site", MAX_SITE, false, problems);
        String text = body.path("text").isTextual() ? body.path("text").asText().strip() : "";
        if (text.isEmpty()) {
            problems.add(problem("text", "is required"));
        } else if (text.length() > settings.maxMessageChars()) {
            problems.add(problem("text", "is " + text.length() + " characters; at most " + settings.maxMessageChars()
                    + " (intake.chat.max-message-chars)"));
        }
        String clientRef = body.path("client_ref").asText("");
        if (!clientRef.isEmpty() && !CLIENT_REF.matcher(clientRef).matches()) {
            problems.add(problem("client_ref", "8 to 64 letters, digits, '-' or '_'"));
        }
        Requester requester = checkRequester(name, email, account, problems);
        if (!problems.isEmpty()) {
            out.toVisitor(v.connection(), invalid(problems));
            return;
        }
        Instant now = clock.instant();
        IntakeRequest request = IntakeRequest.builder(Channel.CHAT, "chat-message:" + (clientRef.isEmpty() ? random(16) : clientRef))
                .requester(requester)
                .site(site == null ? null : new Site(siteId(site), site))
                .subject("Chat message: " + preview(text))
                .body(text)
                .receivedAt(now)
                .attributes(Map.of("chat.left_message", "true", "chat.open", Boolean.toString(hours.isOpen(now))))
                .build();
        try {
            IntakeResult result = gateway.submit(request);
            if (result instanceof IntakeResult.Accepted accepted) {
                Map<String, Object> m = message("message_left");
                m.put("number", accepted.ticketNumber().toString());
                m.put("severity", accepted.severity().name());
                m.put("response_due", time(accepted.responseDue()));
                out.toVisitor(v.connection(), m);
            } else {
                IntakeResult.Rejected rejected = (IntakeResult.Rejected) result;
                List<Map<String, String>> refused = new ArrayList<>();
                rejected.problems().forEach(p -> refused.add(problem(p.field(), p.message())));
                out.toVisitor(v.connection(), invalid(refused));
            }
        } catch (IntakeException e) {
            log.warn("A left chat message could not be recorded: {}", e.getMessage());
            out.toVisitor(v.connection(), unavailable());
        }
    }

    public void end(Visitor v) {
        String chatId = v.chatId();
        if (chatId == null) {
            out.toVisitor(v.connection(), error("not_started", "Start or resume a chat first."));
            return;
        }
        if (!endChat(chatId, "visitor")) {
            store.find(chatId).ifPresent(s -> out.toVisitor(v.connection(), ended(s.endedReason(), s.ticketNumber())));
        }
    }

    // ---------------------------------------------------------------- agents

    public void agentConnected(String session, String agent) {
        agentSessions.put(session, agent);
        queueChanged.set(true);
    }

    public void agentDisconnected(String session) {
        if (agentSessions.remove(session) != null) {
            queueChanged.set(true);
        }
    }

    public int agentsOnline() {
        return (int) agentSessions.values().stream().distinct().count();
    }

    public void queue(String agent) {
        out.toAgent(agent, queueSnapshot());
    }

    public void claim(String agent, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        Instant now = clock.instant();
        Session before = CHAT_ID.matcher(chatId).matches() ? store.find(chatId).orElse(null) : null;
        if (before == null || before.state() == State.ENDED) {
            out.toAgent(agent, agentError(chatId, "unknown_chat", "This chat is unknown or over."));
            return;
        }
        if (!store.claim(chatId, agent, now)) {
            String holder = store.find(chatId).map(Session::agent).orElse(before.agent());
            Map<String, Object> e = agentError(chatId, "taken", "Already taken by " + holder + ".");
            e.put("agent", holder);
            out.toAgent(agent, e);
            return;
        }
        OpenChat chat = open.computeIfAbsent(chatId, id -> new OpenChat(id, before.continueUntil(), agent));
        chat.agent = agent;
        if (!agent.equals(before.agent())) {
            String shown = agentNames.displayName(agent);
            store.appendOther(chatId, Author.SYSTEM, null, shown + " joined the chat", now).ifPresent(m -> {
                pending.merge(chatId, new Pending(now, 1), (a, b) -> new Pending(a.since(), a.count() + 1));
                if (chat.connection != null) {
                    Map<String, Object> event = message("agent");
                    event.put("event", "joined");
                    event.put("name", shown);
                    event.put("id", m.id());
                    out.toVisitor(chat.connection, event);
                }
            });
        }
        Session s = store.find(chatId).orElseThrow();
        Map<String, Object> claimed = message("claimed");
        claimed.put("chat_id", chatId);
        Map<String, Object> visitor = new LinkedHashMap<>();
        visitor.put("name", s.name());
        visitor.put("email", s.email());
        visitor.put("account", s.account());
        visitor.put("site", s.site());
        claimed.put("visitor", visitor);
        claimed.put("ticket", ticket(s));
        List<Map<String, Object>> transcript = new ArrayList<>();
        int lastSeq = 0;
        for (Message m : store.messages(chatId, 0, Integer.MAX_VALUE)) {
            transcript.add(toAgent(m));
            if (m.visitorSeq() != null) {
                lastSeq = m.visitorSeq();
            }
        }
        claimed.put("transcript", transcript);
        out.toAgent(agent, claimed);
        if (lastSeq > 0 && chat.connection != null) {
            out.toVisitor(chat.connection, delivered(lastSeq));
        }
        queueChanged.set(true);
    }

    public void agentMessage(String agent, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        OpenChat chat = open.get(chatId);
        if (chat == null || !agent.equals(chat.agent)) {
            out.toAgent(agent, agentError(chatId, "forbidden", "Claim the chat before writing in it."));
            return;
        }
        String text = body.path("text").isTextual() ? body.path("text").asText().strip() : "";
        if (text.isEmpty() || text.length() > settings.maxMessageChars()) {
            Map<String, Object> e = agentError(chatId, text.isEmpty() ? "invalid" : "too_long", text.isEmpty()
                    ? "text: is required" : "text: at most " + settings.maxMessageChars() + " characters");
            e.put("field", "text");
            e.put("limit", settings.maxMessageChars());
            out.toAgent(agent, e);
            return;
        }
        Instant now = clock.instant();
        Message stored;
        try {
            stored = store.appendOther(chatId, Author.AGENT, agentNames.displayName(agent), text, now).orElse(null);
        } catch (IntakeException e) {
            out.toAgent(agent, agentError(chatId, "unavailable", "The message could not be stored; send it again."));
            return;
        }
        if (stored == null) {
            out.toAgent(agent, agentError(chatId, "unknown_chat", "This chat is over."));
            return;
        }
        pending.merge(chatId, new Pending(now, 1), (a, b) -> new Pending(a.since(), a.count() + 1));
        Map<String, Object> ack = message("ack");
        ack.put("chat_id", chatId);
        ack.put("id", stored.id());
        out.toAgent(agent, ack);
        if (chat.connection != null) {
            out.toVisitor(chat.connection, toVisitor(stored));
        }
    }

    public void agentTyping(String agent, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        OpenChat chat = open.get(chatId);
        if (chat == null || !agent.equals(chat.agent) || chat.connection == null || typing.acquireMillis("agent:" + chatId) > 0) {
            return;
        }
        Map<String, Object> m = message("typing");
        m.put("typing", body.path("typing").asBoolean(true));
        m.put("name", agentNames.displayName(agent));
        out.toVisitor(chat.connection, m);
    }

    public void agentEnd(String agent, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        OpenChat chat = open.get(chatId);
        if (chat == null || !agent.equals(chat.agent)) {
            out.toAgent(agent, agentError(chatId, "forbidden", "Only the agent who claimed the chat can end it."));
            return;
        }
        endChat(chatId, "agent");
    }

    // ---------------------------------------------------------------- the ticket

    private void openTicket(String chatId, Message first) {
        Session s = store.find(chatId).orElse(null);
        if (s == null) {
            return;
        }
        IntakeRequest request = IntakeRequest.builder(Channel.CHAT, "chat:" + chatId)
                .conversationKey("chat:" + chatId)
                .requester(new Requester(s.name(), s.email(), null, s.account()))
                .site(s.site() == null ? null : new Site(siteId(s.site()), s.site()))
                .subject("Chat: " + preview(first.text()))
                .body(first.text())
                .receivedAt(first.at())
                .attributes(Map.of("chat.id", chatId))
                .build();
        try {
            IntakeResult result = gateway.submit(request);
            if (result instanceof IntakeResult.Accepted accepted) {
                store.ticketOpened(chatId, accepted.ticketNumber().toString(), accepted.severity().name(),
                        accepted.responseDue(), first.id());
                withoutTicket.remove(chatId);
                if (s.lastId() > first.id()) {   // written while the ticket could not be opened
                    pending.merge(chatId, new Pending(clock.instant(), s.lastId() - first.id()),
                            (a, b) -> new Pending(a.since(), a.count() + b.count()));
                }
                Map<String, Object> m = message("ticket");
                m.put("number", accepted.ticketNumber().toString());
                m.put("severity", accepted.severity().name());
                m.put("response_due", time(accepted.responseDue()));
                OpenChat chat = open.get(chatId);
                if (chat != null && chat.connection != null) {
                    out.toVisitor(chat.connection, m);
                }
                if (chat != null && chat.agent != null) {
                    Map<String, Object> forAgent = new LinkedHashMap<>(m);
                    forAgent.put("chat_id", chatId);
                    out.toAgent(chat.agent, forAgent);
                }
                queueChanged.set(true);
                log.info("Chat {}: ticket {} {} ({})", chatId, accepted.ticketNumber(),
                        accepted.outcome().name().toLowerCase(), accepted.severity());
            } else {
                withoutTicket.remove(chatId);
                log.warn("Chat {}: the ticket was refused: {}", chatId, ((IntakeResult.Rejected) result).reason());
            }
        } catch (IntakeException e) {
            withoutTicket.add(chatId);
            log.warn("Chat {}: the ticket could not be recorded yet, will try again: {}", chatId, e.getMessage());
        }
    }

    /** Adds the chat's messages not yet in its ticket as one update; false when it has to be tried again. */
    boolean writeTranscript(String chatId) {
        Batch batch = store.beginTranscript(chatId).orElse(null);
        if (batch == null) {
            return true;
        }
        Session s = store.find(chatId).orElseThrow();
        StringBuilder text = new StringBuilder();
        for (Message m : store.messages(chatId, batch.from(), batch.to())) {
            text.append('[').append(CLOCK_TIME.format(m.at().atZone(zone))).append("] ");
            switch (m.author()) {
                case VISITOR -> text.append(s.name()).append(": ");
                case AGENT -> text.append(m.authorName()).append(" (agent): ");
                case SYSTEM -> text.append("— ");
            }
            text.append(m.text()).append('\n');
        }
        IntakeRequest request = IntakeRequest.builder(Channel.CHAT, "chat:" + chatId + ":transcript:" + batch.from()
                        + "-" + batch.to())
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
        return true;
    }

    // ---------------------------------------------------------------- ending and sweeping

    private boolean endChat(String chatId, String reason) {
        Instant now = clock.instant();
        store.appendOther(chatId, Author.SYSTEM, null, "Chat ended (" + reason.replace('_', ' ') + ")", now);
        if (!store.end(chatId, reason, now)) {
            return false;
        }
        OpenChat chat = open.remove(chatId);
        pending.merge(chatId, new Pending(Instant.EPOCH, 1), (a, b) -> new Pending(Instant.EPOCH, a.count() + 1));
        chatMessages.forget(chatId);
        Session s = store.find(chatId).orElse(null);
        String ticket = s == null ? null : s.ticketNumber();
        if (chat != null && chat.connection != null) {
            out.toVisitor(chat.connection, ended(reason, ticket));
        }
        if (chat != null && chat.agent != null) {
            Map<String, Object> m = ended(reason, ticket);
            m.put("chat_id", chatId);
            out.toAgent(chat.agent, m);
        }
        queueChanged.set(true);
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

    /** Retries tickets, writes due transcripts, ends chats past their grace or idle, warns at closing time. */
    void sweep() {
        Instant now = clock.instant();
        for (String chatId : List.copyOf(withoutTicket)) {
            List<Message> first = store.messages(chatId, 0, Integer.MAX_VALUE).stream()
                    .filter(m -> m.author() == Author.VISITOR).limit(1).toList();
            if (first.isEmpty()) {
                withoutTicket.remove(chatId);
            } else {
                openTicket(chatId, first.get(0));
            }
        }
        for (Session s : store.expired(now, now.minus(settings.idleTimeout()), SWEEP_BATCH)) {
            endChat(s.chatId(), s.continueUntil().isBefore(now) ? "closing_time" : "idle");
        }
        if (!hours.isOpen(now)) {
            for (OpenChat chat : open.values()) {
                if (!chat.closingNoticeSent && chat.connection != null) {
                    chat.closingNoticeSent = true;
                    Map<String, Object> m = notice("closing_soon", "Chat has closed for today. This conversation can "
                            + "go on until " + CLOCK_TIME.format(chat.continueUntil.atZone(zone)) + " " + zone.getId()
                            + "; after that we answer by email.");
                    m.put("until", time(chat.continueUntil));
                    out.toVisitor(chat.connection, m);
                }
            }
        }
        for (Map.Entry<String, Pending> e : Map.copyOf(pending).entrySet()) {
            Pending p = e.getValue();
            boolean due = p.count() >= settings.transcriptMaxMessages()
                    || !p.since().plus(settings.transcriptInterval()).isAfter(now)
                    || !open.containsKey(e.getKey());
            if (!due || store.find(e.getKey()).map(s -> s.ticketNumber() == null).orElse(false)) {
                continue;
            }
            pending.remove(e.getKey(), p);
            try {
                writeTranscript(e.getKey());
            } catch (IntakeException failure) {
                pending.merge(e.getKey(), p, (a, b) -> new Pending(b.since(), a.count() + b.count()));
                log.warn("Chat {}: transcript not written yet, will try again: {}", e.getKey(), failure.getMessage());
            }
        }
    }

    private void publishQueueIfChanged() {
        try {
            if (queueChanged.getAndSet(false)) {
                out.toQueue(queueSnapshot());
            }
        } catch (RuntimeException e) {
            queueChanged.set(true);
            log.warn("Chat queue not published: {}", e.getMessage());
        }
    }

    /** The waiting and active chats, oldest first (at most 200). */
    public Map<String, Object> queueSnapshot() {
        List<Map<String, Object>> chats = new ArrayList<>();
        for (Session s : store.open(QUEUE_SIZE)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("chat_id", s.chatId());
            c.put("name", s.name());
            c.put("email", s.email());
            c.put("account", s.account());
            c.put("site", s.site());
            c.put("state", s.state().name().toLowerCase());
            c.put("agent", s.agent());
            c.put("started_at", time(s.startedAt()));
            c.put("waiting_since", s.state() == State.WAITING ? time(s.startedAt()) : null);
            c.put("ticket", s.ticketNumber());
            c.put("severity", s.severity());
            c.put("preview", s.preview());
            chats.add(c);
        }
        Map<String, Object> m = message("queue");
        m.put("at", time(clock.instant()));
        m.put("chats", chats);
        m.put("agents_online", agentsOnline());
        return m;
    }

    // ---------------------------------------------------------------- helpers

    private void forwardToAgent(OpenChat chat, Message m, String visitorConnection) {
        String agent = chat.agent;
        if (agent == null) {
            return;
        }
        out.toAgent(agent, toAgent(m));
        if (out.agentConnected(agent)) {
            out.toVisitor(visitorConnection, delivered(m.visitorSeq()));
        }
    }

    private String messageText(JsonNode body, String connection, int seq) {
        JsonNode node = body.path("text");
        String text = node.isTextual() ? node.asText().strip() : "";
        if (text.isEmpty()) {
            Map<String, Object> e = invalid(List.of(problem("text", "is required")));
            e.put("seq", seq);
            out.toVisitor(connection, e);
            return null;
        }
        if (text.length() > settings.maxMessageChars()) {
            Map<String, Object> e = error("too_long", "text: " + text.length() + " characters; at most "
                    + settings.maxMessageChars() + " (intake.chat.max-message-chars)");
            e.put("field", "text");
            e.put("limit", settings.maxMessageChars());
            e.put("seq", seq);
            out.toVisitor(connection, e);
            return null;
        }
        return text;
    }

    private Map<String, Object> toVisitor(Message m) {
        Map<String, Object> msg = message("message");
        msg.put("id", m.id());
        msg.put("from", m.author().name().toLowerCase());
        msg.put("name", m.authorName());
        msg.put("text", m.text());
        msg.put("at", time(m.at()));
        return msg;
    }

    private Map<String, Object> toAgent(Message m) {
        Map<String, Object> msg = message("message");
        msg.put("chat_id", m.chatId());
        msg.put("id", m.id());
        msg.put("from", m.author().name().toLowerCase());
        msg.put("seq", m.visitorSeq());
        msg.put("name", m.authorName());
        msg.put("text", m.text());
        msg.put("at", time(m.at()));
        return msg;
    }

    private Map<String, Object> ticket(Session s) {
        if (s.ticketNumber() == null) {
            return null;
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("number", s.ticketNumber());
        t.put("severity", s.severity());
        t.put("response_due", time(s.responseDue()));
        return t;
    }

    private static Map<String, Object> message(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        return m;
    }

    private static Map<String, Object> ack(int seq) {
        Map<String, Object> m = message("ack");
        m.put("seq", seq);
        return m;
    }

    private static Map<String, Object> delivered(int seq) {
        Map<String, Object> m = message("delivered");
        m.put("seq", seq);
        return m;
    }

    private static Map<String, Object> notice(String code, String text) {
        Map<String, Object> m = message("notice");
        m.put("code", code);
        m.put("message", text);
        return m;
    }

    private static Map<String, Object> ended(String reason, String ticket) {
        Map<String, Object> m = message("ended");
        m.put("reason", reason);
        m.put("ticket", ticket);
        m.put("message", ticket == null ? "The chat has ended." : "The chat has ended. Ticket " + ticket
                + " stays open and we answer by email.");
        return m;
    }

    private static Map<String, Object> error(String code, String text) {
        Map<String, Object> m = message("error");
        m.put("code", code);
        m.put("message", text);
        return m;
    }

    private static Map<String, Object> agentError(String chatId, String code, String text) {
        Map<String, Object> m = error(code, text);
        m.put("chat_id", chatId);
        return m;
    }

    private static Map<String, Object> unavailable() {
        return error("unavailable", "The message could not be stored just now; it will be sent again.");
    }

    private static Map<String, Object> rateLimited(long waitMillis, String what) {
        Map<String, Object> m = error("rate_limited", "Too many " + what + "; try again in "
                + Math.max(1, (waitMillis + 999) / 1000) + " s.");
        m.put("retry_after_ms", waitMillis);
        return m;
    }

    private static Map<String, Object> invalid(List<Map<String, String>> problems) {
        Map<String, Object> m = error("invalid", problems.stream().map(p -> p.get("field") + ": " + p.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid"));
        m.put("problems", problems);
        return m;
    }

    private static Map<String, String> problem(String field, String message) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("field", field);
        p.put("message", message);
        return p;
    }

    /** A single-line text field, stripped; null when absent; a problem when required and absent or too long. */
    private static String field(JsonNode body, String name, int max, boolean required, List<Map<String, String>> problems) {
        JsonNode node = body.path(name);
        String value = node.isTextual() ? node.asText().strip() : null;
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(problem(name, "is required"));
            }
            return null;
        }
        if (value.length() > max) {
            problems.add(problem(name, "is " + value.length() + " characters; at most " + max));
            return null;
        }
        if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            problems.add(problem(name, "must be one line without control characters"));
            return null;
        }
        return value;
    }

    private static Requester checkRequester(String name, String email, String account, List<Map<String, String>> problems) {
        try {
            return new Requester(name, email, null, account);
        } catch (InvalidFieldException e) {
            String field = e.field().startsWith("requester.") ? e.field().substring("requester.".length()) : e.field();
            if (problems.stream().noneMatch(p -> p.get("field").equals(field))) {
                problems.add(problem(field, e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip()));
            }
            return null;
        }
    }

    /** A site as the visitor typed it: its id is the text up to the first space or the first 64 characters. */
    private static String siteId(String site) {
        String id = site.strip();
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    private static String preview(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 79) + "…";
    }

    private String time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone).toString();
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
