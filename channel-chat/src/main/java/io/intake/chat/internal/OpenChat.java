package io.intake.chat.internal;

import java.time.Instant;

/** A chat that has not ended, as this node knows it: where its visitor and its agent are. */
public final class OpenChat {

    private final String chatId;
    private final Instant continueUntil;
    private volatile String agent;
    private volatile String connection;
    private volatile boolean closingNoticeSent;

    public OpenChat(String chatId, Instant continueUntil, String agent) {
        this.chatId = chatId;
        this.continueUntil = continueUntil;
        this.agent = agent;
    }

    public String chatId() {
        return chatId;
    }

    /** The closing that followed its start, plus the grace: the chat ends then at the latest. */
    public Instant continueUntil() {
        return continueUntil;
    }

    /** The agent who claimed it, or null. */
    public String agent() {
        return agent;
    }

    public void agent(String agent) {
        this.agent = agent;
    }

    /** The visitor's current connection (principal name), or null before one is known on this node. */
    public String connection() {
        return connection;
    }

    public void connection(String connection) {
        this.connection = connection;
    }

    /** True the first time it is asked after the calendar closed, so the visitor is warned once. */
    public boolean firstClosingNotice() {
        if (closingNoticeSent) {
            return false;
        }
        closingNoticeSent = true;
        return true;
    }
}
