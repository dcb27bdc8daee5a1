package io.intake.telephony;

import io.intake.core.IntakeException;

import java.util.List;

/** The telephony configuration is unusable; lists every problem, each naming the property to set. */
public class TelephonyConfigException extends IntakeException {

    private final List<String> problems;

    public TelephonyConfigException(List<String> problems) {
        super("telephony configuration has " + problems.size() + " problem(s): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
