package io.intake.chat;

/** The name a visitor sees for an agent; the gateway maps staff logins to their display names. */
@FunctionalInterface
public interface ChatAgentNames {

    /** Visitors see the login itself. */
    ChatAgentNames LOGIN = username -> username;

    String displayName(String username);
}
