package io.intake.telephony;

import java.time.Duration;
import java.util.List;

/** Shared configuration checks (kept out of {@link TelephonyConfig} so its nested records initialise on their own). */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static void between(List<String> problems, String property, Duration value, Duration min, Duration max) {
        if (value == null) {
            problems.add(property + ": required, a duration between " + min + " and " + max);
        } else if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problems.add(property + ": " + value + " is not allowed; between " + min + " and " + max);
        }
    }
}
