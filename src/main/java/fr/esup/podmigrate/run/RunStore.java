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
        this.auditLog = auditLog(workspace);
    }

    /** The file where every action of the run is appended, one line each: when, who, what. */
    public static Path auditLog(Workspace workspace) {
        return workspace.runs().resolve("audit.log");
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
                        at == null ? null : Instant.parse(at), props.getProperty(step.key() + ".reason")));
            }
        }
        return states;
    }

    public StepState state(WizardStep step) {
        return states().get(step.ordinal());
    }

    /**
     * Records a step's new status and writes the action to the audit log. A step that starts again or is undone (a
     * wipe, a restore, a new import) sends the steps it invalidates that were done or tried back to "to redo".
     */
    public void record(WizardStep step, StepStatus status, String operator, String action) {
        record(step, status, operator, action, null);
    }

    /** ... with the reason the operator gave (to finish over an incomplete verification), kept with the state. */
    public synchronized void record(WizardStep step, StepStatus status, String operator, String action, String reason) {
        Properties props = read();
        Instant now = Instant.now();
        set(props, step, status, operator, now, reason);
        List<String> redo = new ArrayList<>();
        if (status == StepStatus.RUNNING || status == StepStatus.NOT_STARTED) {
            String why = step.key() + ": " + action;
            for (WizardStep later : step.invalidates()) {
                String current = props.getProperty(later.key() + ".status");
                if (current != null && !current.equals(StepStatus.NOT_STARTED.name())
                        && !current.equals(StepStatus.TO_REDO.name())) {
                    set(props, later, StepStatus.TO_REDO, operator, now, why);
                    redo.add(later.key());
                }
            }
        }
        write(props);
        audit(operator, step.key() + ": " + action + " -> " + status.key()
                + (reason == null ? "" : " (reason: " + reason + ")"), now);
        if (!redo.isEmpty()) {
            audit(operator, String.join(", ", redo) + " -> " + StepStatus.TO_REDO.key() + " (" + step.key() + ")", now);
        }
    }

    private static void set(Properties props, WizardStep step, StepStatus status, String operator, Instant at,
                            String reason) {
        props.setProperty(step.key() + ".status", status.name());
        props.setProperty(step.key() + ".operator", operator);
        props.setProperty(step.key() + ".at", at.toString());
        if (reason == null) {
            props.remove(step.key() + ".reason");
        } else {
            props.setProperty(step.key() + ".reason", reason);
        }
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

    private Properties read() {
        return PropertiesFiles.read(stateFile);
    }

    private void write(Properties props) {
        PropertiesFiles.write(stateFile, props);
    }
}
