package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.backup.Backup;
import fr.esup.podmigrate.backup.BackupTaker;
import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.v2.V2Side;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.sql.load.TargetLock;
import fr.esup.podmigrate.sql.load.TargetLockedException;
import fr.esup.podmigrate.verify.MigrationReport;
import fr.esup.podmigrate.verify.Verification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A replay: a recipe's migration run on the target itself, unattended, at switch time: a verified backup, the wipe,
 * the import of the podv2.sql given or generated afresh from the v2 database, the recorded site fixes and broadcaster
 * inserts, the verification and its report. Whatever is refused is refused before the backup: nothing has changed.
 */
public final class Replay {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final DatabaseEndpoint target;
    private final Optional<DatabaseEndpoint> source;
    private final Backups backups;
    private final Path exports;
    private final Path copies;
    private Backup backup;

    /**
     * @param exports the workspace's folder where a generated podv2.sql and the report are written
     * @param copies  the workspace's folder where a compressed podv2.sql is decompressed for its import and its
     *                verification
     */
    public Replay(DatabaseEndpoint target, Optional<DatabaseEndpoint> source, Backups backups, Path exports,
                  Path copies) {
        this.target = target;
        this.source = source;
        this.backups = backups;
        this.exports = exports;
        this.copies = copies;
    }

    /** The backup the replay took of the target before changing it; null until then. */
    public Backup backup() {
        return backup;
    }

    /** The command that puts the backup back into the target: the standard client, as any operator has it. */
    public String restoreCommand() {
        return "gunzip -c '" + backup.file() + "' | mariadb --host=" + target.host() + " --port=" + target.port()
                + (target.username().isEmpty() ? "" : " --user=" + target.username())
                + (target.secret().isEmpty() ? "" : " -p") + " " + target.database();
    }

    /**
     * Reads the recipe's choices into a podv2.sql to import: {@code script}, or, when null, one generated now from the
     * v2 database with the recipe's generation options (the procedure's when it has none).
     */
    public Path podv2(Recipe recipe, Path script, StepLog log, JobContext context) throws Refused, Exception {
        if (script != null) {
            if (!Files.isRegularFile(script)) {
                throw new Refused("No such file: " + script);
            }
            return script;
        }
        DatabaseEndpoint v2 = source.orElseThrow(() -> new Refused("--generate needs the v2 database:"
                + " --podmigrate.source.url=jdbc:mariadb://host:3306/pod (or PODMIGRATE_SOURCE_URL)"));
        Podv2ScriptOptions options = recipe.podv2() != null && recipe.podv2().generation() != null
                ? recipe.podv2().generation().options() : Podv2ScriptOptions.PROCEDURE;
        Files.createDirectories(exports);
        Path generated = exports.resolve("podv2-replay-" + STAMP.format(Instant.now()) + (options.gzip() ? ".sql.gz" : ".sql"));
        MigrationSteps steps = new MigrationSteps(target, source, context, log);
        try {
            steps.step(MigrationSteps.PODV2, () -> new DumpWriter(options.toDumpOptions()
                    .parallelism(Podv2ScriptOptions.connections(v2)).build()).write(v2::connect, generated),
                    result -> result.rowsWritten() + " rows written to " + generated);
        } catch (MigrationSteps.StepFailed e) {
            throw new Refused("podv2.sql could not be generated from " + v2 + ": " + e.getMessage());
        }
        return generated;
    }

    /**
     * Runs the recipe on the target with {@code script}.
     *
     * @throws Refused before any change: the script's analysis has blocking problems, another import holds the target
     */
    public Outcome run(Recipe recipe, Path script, String operator, JobContext context, StepLog log)
            throws Refused, Exception {
        MigrationSteps.checkAnalysis(script, target, recipe);
        TargetLock lock;
        try {
            lock = TargetLock.acquire(target::connect, "replay by " + operator);
        } catch (TargetLockedException e) {
            throw new Refused(e.getMessage());
        }
        MigrationSteps steps = new MigrationSteps(target, source, context, log);
        try (lock) {
            backup = steps.step(MigrationSteps.BACKUP,
                    () -> new BackupTaker(backups).take(target, operator, Backup.Kind.REQUESTED, context),
                    taken -> taken.name() + ", verified");
            steps.wipe(backups, true);
            steps.importScript(script, recipe, lock, copies);
            V2Side v2 = steps.v2(script, recipe);
            steps.siteFixes(v2, recipe, false);
            steps.broadcasters(v2, recipe, false);
            Verification verification = steps.verify(script, recipe, copies);
            return new Outcome(recipe, verification, steps.millis(), steps.warnings(), null, null);
        } catch (MigrationSteps.StepFailed e) {
            return new Outcome(recipe, null, steps.millis(), steps.warnings(), e.step(), e.getMessage());
        }
    }

    /**
     * Writes the replay's Markdown report into the exports folder: the steps and their durations, what they warned
     * of, the verification.
     */
    public Path report(Outcome outcome, String operator) throws IOException {
        StringBuilder md = new StringBuilder("# Replay of ").append(target.database()).append("\n\n");
        if (backup != null) {
            md.append("Backup before: `").append(backup.file()).append("`; restore it with `").append(restoreCommand())
                    .append("`\n\n");
        }
        md.append("| step | seconds |\n|---|---|\n");
        for (Map.Entry<String, Long> step : outcome.stepMillis().entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", step.getKey(), step.getValue() / 1000.0));
        }
        if (!outcome.warnings().isEmpty()) {
            md.append("\nWarnings of the import's analysis:\n\n");
            for (Message warning : outcome.warnings()) {
                md.append("- ").append(warning.english()).append('\n');
            }
        }
        Recipe.Rehearsed rehearsed = outcome.recipe().rehearsal();
        if (rehearsed != null) {
            md.append(String.format(Locale.ROOT, "%nRehearsed on %s: %.1f s expected, verdict %s.%n", rehearsed.at(),
                    rehearsed.totalMillis() / 1000.0, rehearsed.verdict()));
        }
        if (outcome.failedStep() != null) {
            md.append("\n**Step ").append(outcome.failedStep()).append(" failed**: ").append(outcome.failure()).append("\n");
        }
        if (outcome.verification() != null) {
            md.append("\n").append(MigrationReport.commandLine(outcome.verification(), operator));
        }
        Files.createDirectories(exports);
        Path file = exports.resolve("replay-" + STAMP.format(Instant.now()) + ".md");
        Files.writeString(file, md, StandardCharsets.UTF_8);
        return file;
    }
}
