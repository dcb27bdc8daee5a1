package io.intake.chat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.chat.ChatAgentNames;
import io.intake.chat.ChatOutbound;
import io.intake.chat.internal.ChatStore.Author;
import io.intake.chat.internal.ChatStore.Message;
import io.intake.chat.internal.ChatStore.Session;
import io.intake.chat.internal.ChatStore.State;
import io.intake.core.IntakeException;
import io.intake.core.limit.RateLimiter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.intake.chat.internal.Replies.agentError;

/**
 * The agents' side of the chat: who is online, the queue of waiting and active chats, claiming a chat, writing in it
 * (stored before it is shown to the visitor), typing notices and ending it.
 */
public final class AgentDesk {

    private static final int QUEUE_SIZE = 200;

    /** Ends a chat for a reason; false when it had ended already. */
    public interface Ending {
        boolean end(String chatId, String reason);
    }

    private final ChatStore store;
    private final Map<String, OpenChat> open;
    private final ChatOutbound out;
    private final Clock clock;
    private final ZoneId zone;
    private final int maxMessageChars;
    private final Transcripts transcripts;
    private final RateLimiter typing;
    private final Ending ending;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final AtomicBoolean queueChanged = new AtomicBoolean(true);
    private volatile ChatAgentNames names = ChatAgentNames.LOGIN;

    public AgentDesk(ChatStore store, Map<String, OpenChat> open, ChatOutbound out, Clock clock, ZoneId zone,
                     int maxMessageChars, Transcripts transcripts, RateLimiter typing, Ending ending) {
        this.store = store;
        this.open = open;
        this.out = out;
        this.clock = clock;
        this.zone = zone;
        this.maxMessageChars = maxMessageChars;
        this.transcripts = transcripts;
        this.typing = typing;
        this.ending = ending;
    }

    public void names(ChatAgentNames names) {
        this.names = names == null ? ChatAgentNames.LOGIN : names;
    }

    public String displayName(String agent) {
        return names.displayName(agent);
    }

    public void connected(String session, String agent) {
        sessions.put(session, agent);
        queueChanged();
    }

    public void disconnected(String session) {
        if (sessions.remove(session) != null) {
            queueChanged();
        }
    }

    /** Agents with at least one connection. */
    public int online() {
        return (int) sessions.values().stream().distinct().count();
    }

    /** The queue changed: it is published at the next {@link #publishQueueIfChanged()}. */
    public void queueChanged() {
        queueChanged.set(true);
    }

    public void publishQueueIfChanged() {
        if (queueChanged.getAndSet(false)) {
            try {
                out.toQueue(queue());
            } catch (RuntimeException e) {
                queueChanged.set(true);
                throw e;
            }
        }
    }

    /** The waiting and active chats, oldest first (at most 200). */
    public Map<String, Object> queue() {
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
            c.put("started_at", Replies.time(s.startedAt(), zone));
            c.put("waiting_since", s.state() == State.WAITING ? Replies.time(s.startedAt(), zone) : null);
            c.put("ticket", s.ticketNumber());
            c.put("severity", s.severity());
            c.put("preview", s.preview());
            chats.add(c);
        }
        Map<String, Object> m = Replies.message("queue");
        m.put("at", Replies.time(clock.instant(), zone));
        m.put("chats", chats);
        m.put("agents_online", online());
        return m;
    }

    public void claim(String agent, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        Instant now = clock.instant();
        Session before = Forms.isChatId(chatId) ? store.find(chatId).orElse(null) : null;
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
        Session claimedNow = store.find(chatId).orElse(null);
        if (claimedNow == null || claimedNow.state() == State.ENDED) {   // ended between the claim and here
            out.toAgent(agent, agentError(chatId, "unknown_chat", "This chat is over."));
            return;
        }
        OpenChat chat = open.computeIfAbsent(chatId, id -> new OpenChat(id, before.continueUntil(), agent));
        chat.agent(agent);
        if (!agent.equals(before.agent())) {
            String shown = names.displayName(agent);
            store.appendOther(chatId, Author.SYSTEM, null, shown + " joined the chat", now).ifPresent(m -> {
                transcripts.stored(chatId);
                if (chat.connection() != null) {
                    Map<String, Object> event = Replies.message("agent");
                    event.put("event", "joined");
                    event.put("name", shown);
                    event.put("id", m.id());
                    out.toVisitor(chat.connection(), event);
                }
            });
        }
        Session s = store.find(chatId).orElseThrow();
        Map<String, Object> claimed = Replies.message("claimed");
        claimed.put("chat_id", chatId);
        Map<String, Object> visitor = new LinkedHashMap<>();
        visitor.put("name", s.name());
        visitor.put("email", s.email());
        visitor.put("account", s.account());
        visitor.put("site", s.site());
        claimed.put("visitor", visitor);
        claimed.put("ticket", Replies.ticket(s, zone));
        List<Map<String, Object>> transcript = new ArrayList<>();
        int lastSeq = 0;
        for (Message m : store.messages(chatId, 0, Integer.MAX_VALUE)) {
            transcript.add(Replies.forAgent(m, zone));
            if (m.visitorSeq() != null) {
                lastSeq = m.visitorSeq();
            }
        }
        claimed.put("transcript", transcript);
        out.toAgent(agent, claimed);
        if (lastSeq > 0 && chat.connection() != null) {
            out.toVisitor(chat.connection(), Replies.delivered(lastSeq));
        }
        queueChanged();
    }

    public void message(String agent, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        OpenChat chat = open.get(chatId);
        if (chat == null || !agent.equals(chat.agent())) {
            out.toAgent(agent, agentError(chatId, "forbidden", "Claim the chat before writing in it."));
            return;
        }
        String text = Forms.text(body);
        if (Forms.hasControlCharacters(text)) {
            Map<String, Object> e = agentError(chatId, "invalid", "text: must not hold control characters other than "
                    + "line ends and tabs");
            e.put("field", "text");
            out.toAgent(agent, e);
            return;
        }
        if (text.isEmpty() || text.length() > maxMessageChars) {
            Map<String, Object> e = text.isEmpty() ? agentError(chatId, "invalid", "text: is required")
                    : Replies.tooLong(text.length(), maxMessageChars);
            e.put("chat_id", chatId);
            e.put("field", "text");
            e.put("limit", maxMessageChars);
            out.toAgent(agent, e);
            return;
        }
        Message stored;
        try {
            stored = store.appendOther(chatId, Author.AGENT, names.displayName(agent), text, clock.instant()).orElse(null);
        } catch (IntakeException e) {
            out.toAgent(agent, agentError(chatId, "unavailable", "The message could not be stored; send it again."));
            return;
        }
        if (stored == null) {
            out.toAgent(agent, agentError(chatId, "unknown_chat", "This chat is over."));
            return;
        }
        transcripts.stored(chatId);
        Map<String, Object> ack = Replies.message("ack");
        ack.put("chat_id", chatId);
        ack.put("id", stored.id());
        out.toAgent(agent, ack);
        if (chat.connection() != null) {
            out.toVisitor(chat.connection(), Replies.forVisitor(stored, zone));
        }
    }

    public void typing(String agent, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        OpenChat chat = open.get(chatId);
        if (chat == null || !agent.equals(chat.agent()) || chat.connection() == null
                || typing.acquireMillis("agent:" + chatId) > 0) {
            return;
        }
        Map<String, Object> m = Replies.message("typing");
        m.put("typing", body.path("typing").asBoolean(true));
        m.put("name", names.displayName(agent));
        out.toVisitor(chat.connection(), m);
    }

    public void end(String agent, JsonNode body) {
        String chatId = body.path("chat_id").asText("");
        OpenChat chat = open.get(chatId);
        if (chat == null || !agent.equals(chat.agent())) {
            out.toAgent(agent, agentError(chatId, "forbidden", "Only the agent who claimed the chat can end it."));
            return;
        }
        ending.end(chatId, "agent");
    }

    /** Shows a visitor's stored message to the chat's agent; the visitor's "delivered" mark when one is online. */
    public void forward(OpenChat chat, Message m) {
        String agent = chat.agent();
        if (agent == null) {
            return;
        }
        out.toAgent(agent, Replies.forAgent(m, zone));
        if (out.agentConnected(agent) && chat.connection() != null) {
            out.toVisitor(chat.connection(), Replies.delivered(m.visitorSeq()));
        }
    }

    /** The chat's ticket was opened: its agent is told. */
    public void ticketOpened(OpenChat chat, Map<String, Object> ticket) {
        if (chat.agent() != null) {
            Map<String, Object> forAgent = new LinkedHashMap<>(ticket);
            forAgent.put("chat_id", chat.chatId());
            out.toAgent(chat.agent(), forAgent);
        }
        queueChanged();
    }
}
