package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.importing.PlanProblem;
import fr.esup.podmigrate.importing.PodImport;
import fr.esup.podmigrate.importing.PodImportAnalysis;
import fr.esup.podmigrate.importing.TablePlan;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code analyze FILE}: what the import would do, without touching any database (the target is only read). */
final class AnalyzeCommand {

    static final String USAGE = "analyze FILE [--podmigrate.target.url=... to check it against the v3 target]";
    private static final ResourceBundleMessageSource MESSAGES = messages();

    private AnalyzeCommand() {
    }

    static int run(CliArguments args, PrintStream out) throws Exception {
        args.allowOnly(Set.of("report-memory"));
        Path script = script(args);
        DatabaseEndpoint target = new CliSettings(args.settings()).target().orElse(null);
        PodImportAnalysis analysis = PodImport.analyze(script, target, progress -> { });
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

    static void print(PodImportAnalysis analysis, DatabaseEndpoint target, PrintStream out) {
        out.printf(Locale.ROOT, "%s: %d bytes, %d statements, %d tables%n", analysis.scriptName(), analysis.script().bytes(),
                analysis.script().statements(), analysis.script().tables().size());
        if (target != null) {
            out.printf(Locale.ROOT, "Target: %s%n", target);
            out.printf(Locale.ROOT, "%-45s %-13s %-45s %10s  %s%n", "TABLE", "FATE", "V3 TABLE", "ROWS", "CHANGES");
            for (TablePlan table : analysis.tables()) {
                out.printf(Locale.ROOT, "%-45s %-13s %-45s %10d  %s%n", table.scriptTable(), table.fate().key(),
                        table.targetTable(), table.rows(), changes(table));
            }
        }
        printProblems("Blocking problems", analysis.blocking(), out);
        printProblems("Warnings", analysis.warnings(), out);
        out.println(analysis.blocked() ? "Verdict: refused, " + analysis.blocking().size() + " blocking problem(s); nothing was changed"
                : "Verdict: ready to import " + analysis.rows() + " rows");
    }

    private static String changes(TablePlan table) {
        StringBuilder text = new StringBuilder();
        append(text, "dropped", table.droppedColumns().stream().map(TablePlan.ColumnChange::column).toList());
        append(text, "filled", table.filledColumns().stream().map(c -> c.column() + "=" + c.expression()).toList());
        append(text, "converted", table.convertedColumns().stream().map(c -> c.column() + "=" + c.expression()).toList());
        append(text, "unfilled", table.unfilledColumns());
        return text.toString();
    }

    private static void append(StringBuilder text, String label, List<String> columns) {
        if (!columns.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append(label).append(": ").append(String.join(", ", columns));
        }
    }

    private static void printProblems(String title, List<PlanProblem> problems, PrintStream out) {
        if (problems.isEmpty()) {
            return;
        }
        out.println(title + ":");
        for (PlanProblem problem : problems) {
            out.println("  " + (problem.line() > 0 ? "line " + problem.line() + ": " : "") + message(problem));
        }
    }

    static String message(PlanProblem problem) {
        return MESSAGES.getMessage(problem.messageKey(), problem.args().toArray(), Locale.ENGLISH);
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
