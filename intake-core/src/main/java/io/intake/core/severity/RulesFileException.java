package io.intake.core.severity;

import io.intake.core.IntakeException;

/**
 * A severity rules file could not be read or is invalid. The message names the file, the rule (when the problem is
 * inside one) and the field.
 */
public class RulesFileException extends IntakeException {

    private final String source;
    private final String ruleId;
    private final String field;

    public RulesFileException(String source, String ruleId, String field, String problem) {
        this(source, ruleId, field, problem, null);
    }

    public RulesFileException(String source, String ruleId, String field, String problem, Throwable cause) {
        this("severity rules file", source, ruleId, field, problem, cause);
    }

    /** For a file of another kind that the severity rules read (for example {@code "word model file"}). */
    protected RulesFileException(String kind, String source, String ruleId, String field, String problem, Throwable cause) {
        super(describe(kind, source, ruleId, field, problem), cause);
        this.source = source;
        this.ruleId = ruleId;
        this.field = field;
    }

    private static String describe(String kind, String source, String ruleId, String field, String problem) {
        StringBuilder text = new StringBuilder(kind).append(' ').append(source);
        if (ruleId != null) {
            text.append(", rule '").append(ruleId).append('\'');
        }
        if (field != null) {
            text.append(", field '").append(field).append('\'');
        }
        return text.append(": ").append(problem).toString();
    }

    /** The file (or classpath resource) that failed. */
    public String source() {
        return source;
    }

    /** The id of the rule with the problem, or null when the problem is outside the rules. */
    public String ruleId() {
        return ruleId;
    }

    /** The field with the problem, or null when the whole file failed (for example bad YAML). */
    public String field() {
        return field;
    }
}
