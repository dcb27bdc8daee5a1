package io.intake.core.sla;

import io.intake.core.IntakeException;

import java.util.List;

/** SLA configuration (calendars, terms) failed validation; {@link #problems()} lists every problem found, each naming its property. */
public class SlaConfigurationException extends IntakeException {

    private final List<String> problems;

    public SlaConfigurationException(List<String> problems) {
        super("invalid SLA configuration (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
