package io.intake.telephony.internal;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One AMI message (response or event) as received: header names are case-insensitive, header order is not relied on
 * (Asterisk sends the same event with different orders), values are trimmed. A repeated header keeps its first value.
 */
record AmiMessage(Map<String, String> headers) {

    AmiMessage {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach(copy::putIfAbsent);
        headers = Collections.unmodifiableMap(copy);
    }

    String get(String name) {
        return headers.get(name);
    }

    String event() {
        return headers.get("Event");
    }

    boolean isResponse() {
        return headers.containsKey("Response") && !headers.containsKey("Event");
    }

    String actionId() {
        return headers.get("ActionID");
    }

    boolean isSuccess() {
        return "Success".equalsIgnoreCase(headers.get("Response"));
    }

    @Override
    public String toString() {
        TreeMap<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        shown.putAll(headers);
        shown.replaceAll((k, v) -> k.equalsIgnoreCase("Secret") ? "******" : v);
        return "AmiMessage" + shown;
    }
}
