package io.intake.chat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ChatOutbound} that keeps what the service pushed, for tests without a broker. */
final class RecordingOutbound implements ChatOutbound {

    record Push(String to, Map<String, Object> message) {
        String type() {
            return String.valueOf(message.get("type"));
        }
    }

    final List<Push> pushes = new CopyOnWriteArrayList<>();
    volatile boolean agentOnline;

    @Override
    public void toVisitor(String connection, Map<String, Object> message) {
        pushes.add(new Push(connection, message));
    }

    @Override
    public void toAgent(String agent, Map<String, Object> message) {
        pushes.add(new Push("agent:" + agent, message));
    }

    @Override
    public void toQueue(Map<String, Object> message) {
        pushes.add(new Push("queue", message));
    }

    @Override
    public boolean agentConnected(String agent) {
        return agentOnline;
    }

    List<Map<String, Object>> to(String who, String type) {
        return pushes.stream().filter(p -> p.to().equals(who) && p.type().equals(type)).map(Push::message).toList();
    }
}
