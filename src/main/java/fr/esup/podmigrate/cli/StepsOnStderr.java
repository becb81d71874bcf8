package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.PodMigrateProperties;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.rehearsal.Outcome;
import fr.esup.podmigrate.rehearsal.StepLog;
import fr.esup.podmigrate.rehearsal.UnattendedContext;
import fr.esup.podmigrate.run.Message;
import org.springframework.util.unit.DataSize;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code rehearse} and {@code replay} share: each step's start and end on standard error, the workspace, and the
 * steps' durations.
 */
final class StepsOnStderr extends UnattendedContext implements StepLog {

    private final String verb;
    private final PrintStream err;

    StepsOnStderr(String verb, PrintStream err) {
        super(verb);
        this.verb = verb;
        this.err = err;
    }

    @Override
    public void started(String step) {
        err.println(verb + ": " + step + "...");
    }

    @Override
    public void ended(String step, Duration took, String outcome, List<Message> warnings) {
        err.printf(Locale.ROOT, "%s: %s done in %.1f s: %s%n", verb, step, took.toMillis() / 1000.0, outcome);
        for (Message warning : warnings) {
            err.println("  warning: " + warning.english());
        }
    }

    /** The workspace of {@code podmigrate.workspace}, its folders created: backups, recipe and reports go there. */
    static Workspace workspace(CliSettings settings) {
        PodMigrateProperties.Database none = new PodMigrateProperties.Database(null, null, null);
        return new Workspace(new PodMigrateProperties(none, none, settings.workspace(),
                new PodMigrateProperties.Operator("operator", null), new PodMigrateProperties.Upload(DataSize.ofGigabytes(1)),
                new PodMigrateProperties.Login(1, Duration.ofMinutes(1), Duration.ZERO), none));
    }

    static void printSteps(Outcome outcome, PrintStream out) {
        for (Map.Entry<String, Long> step : outcome.stepMillis().entrySet()) {
            out.printf(Locale.ROOT, "step %-14s %8.1f s%n", step.getKey(), step.getValue() / 1000.0);
        }
        out.printf(Locale.ROOT, "total %.1f s%n",
                outcome.stepMillis().values().stream().mapToLong(Long::longValue).sum() / 1000.0);
        if (outcome.failedStep() != null) {
            out.println("FAILED at step " + outcome.failedStep() + ": " + outcome.failure());
        }
    }

    static String user() {
        return System.getProperty("user.name", "cli");
    }

    static Path path(String file) {
        return Path.of(file).toAbsolutePath().normalize();
    }
}
