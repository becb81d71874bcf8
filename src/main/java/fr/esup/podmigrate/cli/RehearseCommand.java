package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.rehearsal.Outcome;
import fr.esup.podmigrate.rehearsal.Recipe;
import fr.esup.podmigrate.rehearsal.Refused;
import fr.esup.podmigrate.rehearsal.Rehearsal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code rehearse --podv2 FILE}: the migration on the scratch copy {@code <target>_pmrehearsal}, never on the target:
 * the verdict, the differences, the orphans and each step's duration; the recipe of its choices (with podv2.sql's
 * generation options when the console generated it, the section of {@code --source-database}, {@code --include-ephemeral},
 * the error policy of {@code --continue}) in the workspace and, with {@code --write-recipe FILE}, there. Exit 0 when the verdict is complete, 1 when not, 2 when refused before
 * anything changed.
 */
final class RehearseCommand {

    static final String USAGE = "rehearse --podv2 FILE [--source-database NAME] [--include-ephemeral] [--continue]"
            + " [--write-recipe RECIPE]";
    static final Set<String> VALUE_OPTIONS = Set.of("podv2", "source-database", "write-recipe");
    private static final Set<String> KNOWN = Set.of("podv2", "source-database", "include-ephemeral", "continue",
            "write-recipe", "report-memory");

    private RehearseCommand() {
    }

    static int run(CliArguments args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly(KNOWN);
        if (!args.positional().isEmpty()) {
            throw new UsageException("rehearse takes no file but --podv2 FILE");
        }
        Path script = StepsOnStderr.path(args.option("podv2")
                .orElseThrow(() -> new UsageException("rehearse needs the podv2.sql: --podv2 FILE")));
        if (!Files.isRegularFile(script)) {
            throw new UsageException("No such file: " + script);
        }
        CliSettings settings = new CliSettings(args.settings());
        DatabaseEndpoint target = settings.requireTarget("rehearse");
        Workspace workspace = StepsOnStderr.workspace(settings);
        Rehearsal rehearsal = new Rehearsal(target, settings.source(), settings.rehearsal(), new Backups(workspace),
                workspace.runs());
        StepsOnStderr steps = new StepsOnStderr("rehearse", err);
        Outcome outcome;
        try {
            Recipe choices = rehearsal.defaultRecipe(script, workspace, new JobStore(workspace), List.of())
                    .withImport(args.option("source-database").orElse(null), args.flag("include-ephemeral"),
                            args.flag("continue"));
            outcome = rehearsal.run(script, choices, true, steps, steps);
        } catch (Refused e) {
            err.println("rehearse refused before any change: " + e.getMessage());
            return PodMigrateCli.REFUSED;
        }
        out.println("rehearsed on " + rehearsal.scratch().name() + " (kept; the target " + target.database()
                + " was only read)");
        if (outcome.verification() != null) {
            VerifyCommand.print(outcome.verification(), out);
        }
        StepsOnStderr.printSteps(outcome, out);
        if (outcome.failedStep() == null) {
            Path kept = workspace.exports().resolve(Recipe.FILE);
            outcome.recipe().write(kept);
            out.println("recipe written to " + kept);
            if (args.option("write-recipe").isPresent()) {
                Path recipe = StepsOnStderr.path(args.option("write-recipe").get());
                outcome.recipe().write(recipe);
                out.println("recipe written to " + recipe);
            }
        }
        return outcome.complete() ? PodMigrateCli.OK : PodMigrateCli.FAILED;
    }
}
