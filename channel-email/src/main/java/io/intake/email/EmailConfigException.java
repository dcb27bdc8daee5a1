package io.intake.email;

import io.intake.core.IntakeException;

import java.util.List;

/** The email configuration failed validation; {@link #problems()} lists every problem, each naming its property. */
public class EmailConfigException extends IntakeException {

    private final List<String> problems;

    public EmailConfigException(List<String> problems) {
        super("invalid email configuration (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
