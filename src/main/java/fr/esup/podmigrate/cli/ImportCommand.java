package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.backup.BackupCheck;
import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.backup.TargetGuard;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.importing.PodImport;
import fr.esup.podmigrate.importing.PodImportAnalysis;
import fr.esup.podmigrate.importing.TablePlan;
import fr.esup.podmigrate.importing.TargetSchema;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.sql.load.Checkpoint;
import fr.esup.podmigrate.sql.load.ErrorPolicy;
import fr.esup.podmigrate.sql.load.ImportError;
import fr.esup.podmigrate.sql.load.ImportOptions;
import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.Importer;
import fr.esup.podmigrate.sql.script.RefusedStatement;
import fr.esup.podmigrate.sql.load.ScriptRefusedException;
import fr.esup.podmigrate.sql.load.TargetLock;
import fr.esup.podmigrate.sql.load.TargetLockedException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * {@code import FILE}: what the console's import step does, with the same defaults and the same guards: one import
 * per target at a time (the target's {@link TargetLock}), no import over data that no verified backup of the
 * workspace holds (the console's {@link TargetGuard}, unless {@code --force-over-data}; a resume from a checkpoint
 * goes on without it, as the console's does), the analysis (blocking problems refused); each refusal exits 2 before
 * any change. Then the import with the v2→v3 plan and a per-table summary. {@code --plain} runs the script as written
 * instead (the refusals still apply), as the benchmark does.
 */
final class ImportCommand {

    static final String USAGE = "import FILE [--source-database NAME] [--include-ephemeral] [--parallel N] [--continue]"
            + " [--max-errors N] [--resume] [--checkpoint FILE] [--plain] [--force-over-data]";
    static final Set<String> VALUE_OPTIONS = Set.of("parallel", "max-errors", "checkpoint");
    private static final Set<String> KNOWN = Set.of("source-database", "parallel", "max-errors", "checkpoint", "continue",
            "resume", "plain", "force-over-data", "include-ephemeral", "report-memory");

    private ImportCommand() {
    }

    static int run(CliArguments args, PrintStream out) throws Exception {
        args.allowOnly(KNOWN);
        Path script = AnalyzeCommand.script(args);
        CliSettings cliSettings = new CliSettings(args.settings());
        DatabaseEndpoint target = cliSettings.requireTarget("import");
        Path checkpoint = Path.of(args.option("checkpoint").orElse(script + ".checkpoint"));
        boolean resuming = args.flag("resume") && Files.exists(checkpoint);
        boolean plain = args.flag("plain");
        String sourceDatabase = AnalyzeCommand.sourceDatabase(args);
        Path copies = checkpoint.toAbsolutePath().getParent();
        // read now, told once the target is locked (another import's lock is told first); the import checks it again
        String unresumable = resuming ? unresumable(checkpoint, script) : null;
        // The script is read while the target is locked and checked: the reading touches no database. A compressed
        // one is decompressed first, and its copy read, which the import then reads too.
        AtomicReference<Path> copy = new AtomicReference<>();
        FutureTask<PodImport.ScriptRead> reading = new FutureTask<>(() -> {
            if (unresumable != null) {
                return null; // refused below: no minutes of decompressing for it
            }
            copy.set(Importer.decompress(script, copies));
            Path readable = copy.get() != null ? copy.get() : script;
            if (plain) {
                new Importer(ImportOptions.builder().sourceDatabase(sourceDatabase).build())
                        .readAhead(readable, target.database());
                return null;
            }
            return PodImport.read(readable, target.database(), sourceDatabase, progress -> { }).of(script);
        });
        Thread readingAhead = new Thread(reading, "pod-migrate-read-ahead");
        readingAhead.setDaemon(true);
        readingAhead.start();
        try (TargetLock lock = TargetLock.acquire(target::connect, "cli import")) {
            if (unresumable != null) {
                out.println("Refused before any change: " + unresumable + ": it cannot resume the import of "
                        + script.getFileName() + ". Name its own checkpoint with --checkpoint, or import without --resume.");
                return PodMigrateCli.REFUSED;
            }
            if (!resuming && !args.flag("force-over-data")) {
                Path workspace = cliSettings.workspace();
                Path backups = Workspace.backups(workspace);
                if (Files.isDirectory(backups) && !Files.isReadable(backups)) {
                    out.println("Refused before any change: the workspace's backups, " + backups + ", cannot be read by"
                            + " this user (the console leaves them to its own user): run the command as that user, or"
                            + " pass --force-over-data.");
                    return PodMigrateCli.REFUSED;
                }
                TargetGuard guard = TargetGuard.read(target,
                        current -> Backups.check(backups, target, current));
                if (!guard.allowsImport()) {
                    printRefusal(guard, workspace, out);
                    return PodMigrateCli.REFUSED;
                }
            }
            // what the Pod import plans against and prints with, made while the script is still read
            TargetSchema schema = null;
            if (!plain) {
                schema = PodImport.targetSchema(target);
                AnalyzeCommand.prepareMessages();
            }
            PodImport.ScriptRead read = awaitReading(reading);
            UnaryOperator<ImportOptions.Builder> settings = builder -> builder
                    .parallelism(args.intOption("parallel", PodImport.CONNECTIONS))
                    .errorPolicy(args.flag("continue") ? ErrorPolicy.CONTINUE : ErrorPolicy.STOP_AT_FIRST)
                    .maxErrors(args.intOption("max-errors", ImportOptions.DEFAULT_MAX_ERRORS))
                    .checkpointFile(checkpoint)
                    .decompressedCopy(copy.get())
                    .resume(args.flag("resume"))
                    .targetLock(lock);
            ImportResult result;
            PodImportAnalysis analysis = null;
            if (plain) {
                ImportOptions.Builder options = ImportOptions.builder().sourceDatabase(sourceDatabase);
                result = new Importer(settings.apply(options).build()).run(script, target::connect);
            } else {
                analysis = PodImport.analyze(read, schema, AnalyzeCommand.includeEphemeral(args));
                if (analysis.blocked()) {
                    AnalyzeCommand.print(analysis, target, out);
                    return PodMigrateCli.REFUSED;
                }
                AnalyzeCommand.printDatabases(analysis, out);
                AnalyzeCommand.printProblems("Warnings", analysis.warnings(), out);
                result = PodImport.run(analysis, script, target, settings);
            }
            print(result, out);
            if (analysis != null) {
                printLeftOut(analysis, out);
            }
            boolean succeeded = result.completed() && result.errors().isEmpty() && result.countMismatches().isEmpty();
            return succeeded ? PodMigrateCli.OK : PodMigrateCli.FAILED;
        } catch (TargetLockedException e) {
            out.println("Refused before any change: " + e.getMessage());
            return PodMigrateCli.REFUSED;
        } catch (ScriptRefusedException e) {
            out.println("Refused before any change:");
            for (RefusedStatement refused : e.refused()) {
                out.printf(Locale.ROOT, "  line %d: %s: %s%n", refused.line(), refused.reason(), refused.statementHead());
            }
            return PodMigrateCli.REFUSED;
        } finally {
            // however the command ends, the copy goes; a reading still under way (a refusal came first) stops before
            reading.cancel(true);
            readingAhead.join();
            if (copy.get() != null) {
                Importer.deleteDecompressed(copy.get());
            }
        }
    }

    /** Why the checkpoint file cannot resume the import of the script, or null when it can. */
    private static String unresumable(Path checkpoint, Path script) {
        try {
            Optional<Checkpoint> previous = Checkpoint.read(checkpoint);
            return previous.isEmpty() || previous.get().matches(script) ? null
                    : "the checkpoint " + checkpoint + " was made by the import of another script";
        } catch (AccessDeniedException e) {
            return "the checkpoint " + checkpoint + " cannot be read by this user";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static <T> T awaitReading(FutureTask<T> reading) throws Exception {
        try {
            return reading.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void printRefusal(TargetGuard guard, Path workspace, PrintStream out) {
        BackupCheck check = guard.check();
        String why = switch (check.verdict()) {
            case NO_BACKUP -> "there is none in " + Workspace.backups(workspace);
            case NOT_VERIFIED -> "its newest backup, " + check.backup().name() + ", failed its verification";
            case CHANGED -> "it changed since its newest verified backup, " + check.backup().name() + " (tables "
                    + String.join(", ", check.changed()) + ")";
            case MATCHES -> throw new IllegalStateException("A matching backup allows the import");
        };
        out.println("Refused before any change: the target " + guard.database() + " holds data (rows beyond "
                + PodMigrationRules.MIGRATIONS_TABLE + ", which the wipe keeps, and beyond what a fresh Pod install"
                + " writes) and no verified backup holds it as it is now: " + why + ".");
        out.println("Take a backup of it in the console's backup step (workspace " + workspace.toAbsolutePath().normalize()
                + ", the podmigrate.workspace setting), or pass --force-over-data to import over its data anyway.");
    }

    private static void print(ImportResult result, PrintStream out) {
        out.println(new TableLine("TABLE", 45).right("SCRIPT", 10).right("INSERTED", 10).right("IGNORED", 10)
                .right("SKIPPED", 10).right("BEFORE", 10).right("AFTER", 10));
        // by name: the workers meet the tables in an order of their own, which two runs would not share
        for (Map.Entry<String, ImportResult.TableCounts> table : new TreeMap<>(result.tables()).entrySet()) {
            ImportResult.TableCounts counts = table.getValue();
            out.println(new TableLine(table.getKey(), 45).right(counts.scriptRows(), 10)
                    .right(counts.insertedRows(), 10).right(counts.ignoredRows(), 10).right(counts.skippedRows(), 10)
                    .right(count(counts.rowsBefore()), 10).right(count(counts.rowsAfter()), 10));
            for (ImportResult.ValueIssue issue : counts.issues()) {
                out.printf(Locale.ROOT, "    %s: %d row(s)%s%n", issue.refused() ? "refused by key " + issue.name()
                        : issue.change() + (issue.name().isEmpty() ? "" : " in " + issue.name()), issue.rows(),
                        issue.keys().isEmpty() ? ", " + issue.sample() : ", keys " + String.join(" ", issue.keys()));
            }
        }
        for (String table : result.countMismatches()) {
            ImportResult.TableCounts counts = result.tables().get(table);
            out.printf(Locale.ROOT, "COUNT MISMATCH %s: by the import's account it holds %s rows, the server counts %s%n",
                    table, count(counts.rowsExpected()), count(counts.rowsAfter()));
        }
        new TreeMap<>(result.droppedValues()).forEach((column, count) ->
                out.printf(Locale.ROOT, "dropped %d values of %s (not in v3)%n", count, column));
        result.missingTables().forEach(table -> out.printf(Locale.ROOT, "not imported: table %s is not in v3%n", table));
        result.otherDatabases().forEach((database, skipped) -> out.printf(Locale.ROOT,
                "skipped database %s: %d statements, %d rows%n", database, skipped.statements(), skipped.rows()));
        result.skipped().forEach((reason, count) -> out.printf(Locale.ROOT, "skipped %d statements: %s%n", count, reason));
        for (ImportError error : result.errors()) {
            out.printf(Locale.ROOT, "ERROR line %d%s: %d %s%n    %s%n", error.line(),
                    error.table() == null ? "" : " (" + error.table() + ")", error.errorCode(), error.message(),
                    error.statementHead());
        }
        out.printf(Locale.ROOT, "statements=%d executed=%d rows=%d errors=%d seconds=%.2f%s%s%n", result.statements(),
                result.executed(), result.insertedRows(), result.errors().size(), result.elapsed().toMillis() / 1000.0,
                result.completed() ? "" : result.cancelled() ? " CANCELLED" : " STOPPED (resume with --resume)",
                result.countMismatches().isEmpty() ? "" : " COUNTS WRONG in " + result.countMismatches().size() + " table(s)");
    }

    /**
     * The script's tables the plan imported under their v3 name, which the table of counts gives, and those it did not
     * import, or imported though no model reads them, and why.
     */
    private static void printLeftOut(PodImportAnalysis analysis, PrintStream out) {
        for (TablePlan table : analysis.tables()) {
            if (table.fate() == TablePlan.Fate.RENAMED) {
                out.printf(Locale.ROOT, "%s %s: %d rows, into %s%n", table.fate().key(), table.scriptTable(),
                        table.rows(), table.targetTable());
            } else if (!table.imported() || table.fate() == TablePlan.Fate.UNREAD) {
                String note = AnalyzeCommand.note(table);
                out.printf(Locale.ROOT, "%s %s: %d rows%s%n", table.fate().key(), table.scriptTable(), table.rows(),
                        note.isEmpty() ? "" : ", " + note);
            }
        }
    }

    private static String count(long rows) {
        return rows < 0 ? "-" : String.valueOf(rows);
    }
}
