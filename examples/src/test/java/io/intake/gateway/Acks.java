package io.intake.gateway;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients were told, per fault: each acknowledged item with the token that finds it in the tracker. Clients
 * only add what their channel acknowledged (web 201, chat {@code ack}, a ticket number heard on the phone, a mail
 * accepted by the mail server); an attempt that failed and was given up is counted as an attempt, never as an ack.
 */
final class Acks {

    enum Channel {
        WEB("web"), CHAT("chat"), PHONE("phone"), EMAIL("email");

        final String wire;

        Channel(String wire) {
            this.wire = wire;
        }
    }

    /**
     * One acknowledgement.
     *
     * @param token  the unique text that finds the item in the tracker (in a subject, a chat message, or a call id)
     * @param number the ticket number the client was told, or null where the channel tells none at once (chat, email)
     */
    record Ack(String fault, Channel channel, String token, String number) {
    }

    private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    /** Numbers told after the fact (an acknowledgement mail), by token, for acks added without one. */
    private final Map<String, String> toldLater = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();

    void add(String fault, Channel channel, String token, String number) {
        acks.add(new Ack(fault, channel, token, number));
    }

    /** A request that failed (no answer, an error, a hang-up without a number) and was tried again by its client. */
    void retried(String fault, Channel channel) {
        retries.computeIfAbsent(fault + "/" + channel, k -> new AtomicLong()).incrementAndGet();
    }

    long retries(String fault, Channel channel) {
        AtomicLong n = retries.get(fault + "/" + channel);
        return n == null ? 0 : n.get();
    }

    List<Ack> of(String fault, Channel channel) {
        return acks.stream().filter(a -> a.fault().equals(fault) && a.channel() == channel)
                .map(a -> a.number() == null && toldLater.containsKey(a.token())
                        ? new Ack(a.fault(), a.channel(), a.token(), toldLater.get(a.token())) : a)
                .toList();
    }

    /** The ticket number a client learnt later (an acknowledgement mail) for the item with this token. */
    void toldLater(String token, String number) {
        toldLater.put(token, number);
    }
}
