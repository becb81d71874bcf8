package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.importing.PlanProblem;
import fr.esup.podmigrate.importing.PodImport;
import fr.esup.podmigrate.importing.PodImportAnalysis;
import fr.esup.podmigrate.importing.TablePlan;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.sql.script.ScriptAnalysis.DatabaseSection;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code analyze FILE}: what the import would do, without touching any database (the target is only read). */
final class AnalyzeCommand {

    static final String USAGE = "analyze FILE [--source-database NAME] [--include-ephemeral] [--podmigrate.target.url=..."
            + " to check it against the v3 target]";
    static final Set<String> VALUE_OPTIONS = Set.of("source-database");

    private AnalyzeCommand() {
    }

    static int run(CliArguments args, PrintStream out) throws Exception {
        args.allowOnly(Set.of("source-database", "include-ephemeral", "report-memory"));
        Path script = script(args);
        DatabaseEndpoint target = new CliSettings(args.settings()).target().orElse(null);
        PodImportAnalysis analysis = PodImport.analyze(script, target, sourceDatabase(args), includeEphemeral(args),
                progress -> { });
        print(analysis, target, out);
        return analysis.blocked() ? PodMigrateCli.REFUSED : PodMigrateCli.OK;
    }

    static Path script(CliArguments args) {
        if (args.positional().size() != 1) {
            throw new UsageException("give exactly one FILE");
        }
        Path script = Path.of(args.positional().get(0));
        if (!Files.isRegularFile(script)) {
            throw new UsageException("no such file: " + script);
        }
        return script;
    }

    /** The database of a script of several to import, or null to let the analysis choose. */
    static String sourceDatabase(CliArguments args) {
        return args.option("source-database").orElse(null);
    }

    /** Whether the plan imports the caches and short-lived tables, which it leaves out by default. */
    static boolean includeEphemeral(CliArguments args) {
        return args.flag("include-ephemeral");
    }

    /** The database the import takes of a script that names its databases, and those it skips. */
    static void printDatabases(PodImportAnalysis analysis, PrintStream out) {
        DatabaseSection source = analysis.script().sourceSection();
        if (source != null) {
            out.println(message("import.databases.source", source.name(), source.tables().size(), source.rows()));
            for (DatabaseSection skipped : analysis.script().skippedDatabases()) {
                out.println("  " + message("import.databases.skipped", skipped.name(), skipped.statements(),
                        skipped.rows()));
            }
        }
    }

    static void print(PodImportAnalysis analysis, DatabaseEndpoint target, PrintStream out) {
        out.printf(Locale.ROOT, "%s: %d bytes of SQL, %d statements, %d tables%n", analysis.scriptName(),
                analysis.script().textBytes(), analysis.script().statements(), analysis.script().tables().size());
        printDatabases(analysis, out);
        if (target != null) {
            out.printf(Locale.ROOT, "Target: %s%n", target);
        }
        if (target != null && !analysis.tables().isEmpty()) {
            out.println(new TableLine("TABLE", 45).then("FATE", 13).then("V3 TABLE", 45).right("ROWS", 10)
                    .append("  CHANGES"));
            for (TablePlan table : analysis.tables()) {
                out.println(new TableLine(table.scriptTable(), 45).then(table.fate().key(), 13)
                        .then(table.targetTable(), 45).right(table.rows(), 10).append("  " + changes(table)));
            }
        }
        printProblems("Blocking problems", analysis.blocking(), out);
        printProblems("Warnings", analysis.warnings(), out);
        if (analysis.blocked()) {
            out.println("Verdict: refused, " + analysis.blocking().size() + " blocking problem(s); nothing was changed");
        } else if (target == null) {
            out.println("Verdict: readable, " + analysis.script().tables().size() + " tables; give the target to plan"
                    + " the import");
        } else {
            out.println("Verdict: ready to import " + analysis.rows() + " rows");
        }
    }

    private static String changes(TablePlan table) {
        StringBuilder text = new StringBuilder();
        append(text, "dropped", table.droppedColumns().stream().map(TablePlan.ColumnChange::column).toList());
        append(text, "filled", table.filledColumns().stream().map(c -> c.column() + "=" + c.expression()).toList());
        append(text, "converted", table.convertedColumns().stream().map(c -> c.column() + "=" + c.expression()).toList());
        append(text, "unfilled", table.unfilledColumns());
        String note = note(table);
        if (!note.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append(note);
        }
        return text.toString();
    }

    /** What the plan says of a table beside its columns, in English. */
    static String note(TablePlan table) {
        return switch (table.fate()) {
            case UNREAD -> message("import.unread.note", table.note());
            case EPHEMERAL -> message("import.ephemeral." + table.note());
            case EXCLUDED -> message("import.excluded." + table.note());
            case NO_V3_HOME -> message("import.noV3Home." + table.note(), table.noteArgument());
            default -> table.note();
        };
    }

    private static void append(StringBuilder text, String label, List<String> columns) {
        if (!columns.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append(label).append(": ").append(String.join(", ", columns));
        }
    }

    static void printProblems(String title, List<PlanProblem> problems, PrintStream out) {
        if (problems.isEmpty()) {
            return;
        }
        out.println(title + ":");
        for (PlanProblem problem : problems) {
            out.println("  " + (problem.line() > 0 ? "line " + problem.line() + ": " : "") + message(problem));
        }
    }

    static String message(PlanProblem problem) {
        return message(problem.messageKey(), problem.args().toArray());
    }

    /** Reads the message bundle now, ahead of a report that needs it, on a thread that has nothing else to do. */
    static void prepareMessages() {
        Message.prepareEnglish();
    }

    /** The console's English message, formatted as its Spring message source formats one: with arguments only. */
    static String message(String key, Object... args) {
        return Message.english(key, args);
    }
}
