package io.intake.gateway;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns bad settings at start into Spring Boot's short "APPLICATION FAILED TO START" report, not a stack trace. */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<SettingsCheck.InvalidSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingsCheck.InvalidSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set the properties named above (in application.properties, "
                + "as environment variables such as INTAKE_TRACKER_TYPE, or as --intake.x=y arguments); README.md lists "
                + "every setting.", cause);
    }
}
