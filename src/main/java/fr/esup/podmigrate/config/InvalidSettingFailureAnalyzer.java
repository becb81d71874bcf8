package fr.esup.podmigrate.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad setting into one readable line at start-up instead of a stack trace. */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        return new FailureAnalysis("Invalid setting: " + cause.getMessage(),
                "Fix " + cause.setting() + " (in application.properties, a --" + cause.setting()
                        + "= argument or its environment variable) and start again.", cause);
    }
}
