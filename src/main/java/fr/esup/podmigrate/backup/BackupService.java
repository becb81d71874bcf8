package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.TypedConfirmation;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import org.springframework.stereotype.Service;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The backup step: backups of the target taken and restored as background jobs, each action in the audit log. */
@Service
class BackupService {

    private final Databases databases;
    private final Backups backups;
    private final BackupTaker taker;
    private final BackupRestorer restorer;
    private final JobRunner runner;
    private final RunStore runStore;

    BackupService(Databases databases, Backups backups, BackupTaker taker, BackupRestorer restorer, JobRunner runner,
                  RunStore runStore) {
        this.databases = databases;
        this.backups = backups;
        this.taker = taker;
        this.restorer = restorer;
        this.runner = runner;
        this.runStore = runStore;
    }

    DatabaseEndpoint target() {
        return databases.target();
    }

    List<Backup> backups() {
        return backups.of(target());
    }

    Optional<Backup> find(String name) {
        return backups.find(target(), name);
    }

    /** The step's latest job: a backup or a restore. */
    Optional<Job> latestJob() {
        return runner.latest(WizardStep.BACKUP);
    }

    Job startBackup(String operator) {
        DatabaseEndpoint target = target();
        return runner.start(WizardStep.BACKUP, operator, target, context -> {
            Backup backup = taker.take(target, operator, Backup.Kind.REQUESTED, context);
            context.result(new BackupTaken(backup.name()));
            runStore.audit(operator, "backup: wrote " + backup.name() + " (sha256 " + backup.sha256() + "), verified");
            return Message.of("backup.message.done", backup.name(), backup.tables(), backup.rows());
        });
    }

    RestorePlan restorePlan(Backup backup) throws SQLException {
        return restorer.plan(target(), backup);
    }

    /** Starts restoring {@code backup} once the operator has typed the database's name. */
    Job startRestore(Backup backup, String operator, String confirmation) {
        DatabaseEndpoint target = target();
        TypedConfirmation.require(target.database(), confirmation, runStore, operator,
                "backup: restore of " + backup.name());
        runStore.audit(operator, "backup: asked to restore " + backup.name() + " into " + target.lockKey());
        return runner.start(WizardStep.BACKUP, operator, target, context -> {
            Message outcome = restorer.restore(target, backup, operator, context);
            if (runStore.state(WizardStep.WIPE).status() != StepStatus.NOT_STARTED) {
                runStore.record(WizardStep.WIPE, StepStatus.NOT_STARTED, operator, "undone by the restore of " + backup.name());
            }
            return outcome;
        });
    }
}
