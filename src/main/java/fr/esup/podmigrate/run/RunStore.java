package fr.esup.podmigrate.run;

import fr.esup.podmigrate.config.Workspace;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The current migration run's step states, kept in the workspace (never in the v3 database), and the
 * append-only audit log of every state-changing action.
 */
@Component
public class RunStore {

    private final Path stateFile;
    private final Path auditLog;

    public RunStore(Workspace workspace) {
        this.stateFile = workspace.runs().resolve("current.properties");
        this.auditLog = workspace.runs().resolve("audit.log");
    }

    public synchronized List<StepState> states() {
        Properties props = read();
        List<StepState> states = new ArrayList<>();
        for (WizardStep step : WizardStep.values()) {
            String status = props.getProperty(step.key() + ".status");
            if (status == null) {
                states.add(StepState.notStarted(step));
            } else {
                String at = props.getProperty(step.key() + ".at");
                states.add(new StepState(step, StepStatus.valueOf(status), props.getProperty(step.key() + ".operator"),
                        at == null ? null : Instant.parse(at)));
            }
        }
        return states;
    }

    public StepState state(WizardStep step) {
        return states().get(step.ordinal());
    }

    /** Records a step's new status and writes the action to the audit log. */
    public synchronized void record(WizardStep step, StepStatus status, String operator, String action) {
        Properties props = read();
        Instant now = Instant.now();
        props.setProperty(step.key() + ".status", status.name());
        props.setProperty(step.key() + ".operator", operator);
        props.setProperty(step.key() + ".at", now.toString());
        write(props);
        audit(operator, step.key() + ": " + action + " -> " + status.key(), now);
    }

    /** Records an action that changes no step's status. */
    public void audit(String operator, String action) {
        audit(operator, action, Instant.now());
    }

    private synchronized void audit(String operator, String action, Instant at) {
        String line = at + "\t" + operator + "\t" + action.replaceAll("[\\r\\n\\t]", " ") + "\n";
        try {
            Files.writeString(auditLog, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the audit log " + auditLog, e);
        }
    }

    public synchronized List<String> auditLines() {
        try {
            return Files.exists(auditLog) ? Files.readAllLines(auditLog, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit log " + auditLog, e);
        }
    }

    private Properties read() {
        return PropertiesFiles.read(stateFile);
    }

    private void write(Properties props) {
        PropertiesFiles.write(stateFile, props);
    }
}
