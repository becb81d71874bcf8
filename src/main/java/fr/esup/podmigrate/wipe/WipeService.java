package fr.esup.podmigrate.wipe;

import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.backup.TargetGuard;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.TypedConfirmation;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.v2.TableQueries;
import org.springframework.stereotype.Service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step 3: empties every table of the target but {@code django_migrations}, foreign key checks off, only with the
 * operator's typed confirmation and a verified backup of the database as it is.
 */
@Service
public class WipeService {

    private final Databases databases;
    private final Backups backups;
    private final JobRunner runner;
    private final RunStore runStore;

    WipeService(Databases databases, Backups backups, JobRunner runner, RunStore runStore) {
        this.databases = databases;
        this.backups = backups;
        this.runner = runner;
        this.runStore = runStore;
    }

    /** Reads the target now: its tables, their rows, and whether a verified backup holds it. */
    WipePlan plan() throws SQLException {
        return plan(databases.target(), backups);
    }

    /** The wipe's plan for any database: a rehearsal's scratch copy as well as the target. */
    public static WipePlan plan(DatabaseEndpoint target, Backups backups) throws SQLException {
        TargetGuard guard = backups.guard(target);
        List<WipePlan.TableRows> emptied = new ArrayList<>();
        WipePlan.TableRows kept = null;
        for (var table : guard.fingerprint().tables().entrySet()) {
            WipePlan.TableRows rows = new WipePlan.TableRows(table.getKey(), table.getValue().rows());
            if (table.getKey().equals(PodMigrationRules.MIGRATIONS_TABLE)) {
                kept = rows;
            } else {
                emptied.add(rows);
            }
        }
        return new WipePlan(target.database(), emptied, kept, guard.check());
    }

    Optional<Job> latestJob() {
        return runner.latest(WizardStep.WIPE);
    }

    /** Starts the wipe {@code plan} describes, if the operator typed the database's name and the plan allows it. */
    Job start(WipePlan plan, String operator, String confirmation) {
        TypedConfirmation.require(plan.database(), confirmation, runStore, operator, "wipe");
        if (plan.kept() == null) {
            runStore.audit(operator, "wipe: refused, the database has no " + PodMigrationRules.MIGRATIONS_TABLE);
            throw new RefusedException("wipe.refused.noMigrations", plan.database());
        }
        if (!plan.check().matches()) {
            runStore.audit(operator, "wipe: refused, no verified backup of the database as it is (" + plan.check().verdict() + ")");
            throw new RefusedException("wipe.refused.backup");
        }
        DatabaseEndpoint target = databases.target();
        return runner.start(WizardStep.WIPE, operator, target, context -> {
            Message outcome = wipe(target, plan, context);
            runStore.audit(operator, "wipe: emptied the " + plan.emptied().size() + " tables of the plan, "
                    + PodMigrationRules.MIGRATIONS_TABLE + " kept. Backup before: " + plan.check().backup().name());
            return outcome;
        });
    }

    public static Message wipe(DatabaseEndpoint target, WipePlan plan, JobContext context) throws SQLException {
        long rows = 0;
        int done = 0;
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (WipePlan.TableRows table : plan.emptied()) {
                if (context.cancelled()) {
                    throw new JobFailedException("wipe.message.cancelled", done, plan.emptied().size(),
                            plan.check().backup().name());
                }
                statement.execute("TRUNCATE TABLE " + Identifiers.quote(table.table()));
                rows += table.rows();
                done++;
                context.progress(new JobProgress(0, 0, rows, done));
            }
            List<String> left = new ArrayList<>();
            for (WipePlan.TableRows table : plan.emptied()) {
                long after = TableQueries.rows(statement, table.table());
                if (after != 0) {
                    left.add(table.table() + " (" + after + ")");
                }
            }
            if (!left.isEmpty()) {
                throw new JobFailedException("wipe.message.notEmpty", String.join(", ", left));
            }
            long kept = TableQueries.rows(statement, PodMigrationRules.MIGRATIONS_TABLE);
            return Message.of("wipe.message.done", done, rows, PodMigrationRules.MIGRATIONS_TABLE, kept);
        }
    }
}
