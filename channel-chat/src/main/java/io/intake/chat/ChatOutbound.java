package io.intake.chat;

import java.util.Map;

/** Where the chat service's pushes go: the STOMP broker in the application, a recorder in tests. */
public interface ChatOutbound {

    /** To one visitor connection, by the connection's principal name. */
    void toVisitor(String connection, Map<String, Object> message);

    /** To every connection of one agent. */
    void toAgent(String agent, Map<String, Object> message);

    /** To every agent: the waiting and active chats. */
    void toQueue(Map<String, Object> message);

    /** True when the agent has at least one connection open. */
    boolean agentConnected(String agent);
}
