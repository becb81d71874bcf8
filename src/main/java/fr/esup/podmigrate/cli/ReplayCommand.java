package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.rehearsal.Outcome;
import fr.esup.podmigrate.rehearsal.Recipe;
import fr.esup.podmigrate.rehearsal.Refused;
import fr.esup.podmigrate.rehearsal.Replay;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code replay RECIPE [--podv2 FILE | --generate]}: the recipe's migration on the target, unattended. Progress on
 * standard error; the report's path and the verdict on standard output. Exit 0 when the verification is complete, 1
 * when not or a step failed (with the backup and the command that restores it), 2 when refused before any change.
 */
final class ReplayCommand {

    static final String USAGE = "replay RECIPE [--podv2 FILE | --generate]";
    private static final Set<String> KNOWN = Set.of("podv2", "generate", "report-memory");

    private ReplayCommand() {
    }

    static int run(CliArguments args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly(KNOWN);
        if (args.positional().size() != 1) {
            throw new UsageException("replay takes one recipe file");
        }
        if (args.option("podv2").isPresent() == args.flag("generate")) {
            throw new UsageException("replay needs the podv2.sql: --podv2 FILE, or --generate to generate it from v2");
        }
        CliSettings settings = new CliSettings(args.settings());
        DatabaseEndpoint target = settings.requireTarget("replay");
        StepsOnStderr steps = new StepsOnStderr("replay", err);
        Workspace workspace = StepsOnStderr.workspace(settings);
        Replay replay = new Replay(target, settings.source(), new Backups(workspace), workspace.exports(),
                workspace.runs());
        Outcome outcome;
        try {
            Recipe recipe = Recipe.read(StepsOnStderr.path(args.positional().get(0)));
            Path script = replay.podv2(recipe, args.option("podv2").map(StepsOnStderr::path).orElse(null), steps, steps);
            outcome = replay.run(recipe, script, StepsOnStderr.user(), steps, steps);
        } catch (Refused e) {
            err.println("replay refused before any change: " + e.getMessage());
            return PodMigrateCli.REFUSED;
        }
        if (outcome.verification() != null) {
            VerifyCommand.print(outcome.verification(), out);
        }
        StepsOnStderr.printSteps(outcome, out);
        out.println("report written to " + replay.report(outcome, StepsOnStderr.user()));
        if (outcome.failedStep() != null && replay.backup() != null) {
            out.println("the target as it was before the replay is in the backup " + replay.backup().file());
            out.println("restore it with: " + replay.restoreCommand());
        }
        return outcome.complete() ? PodMigrateCli.OK : PodMigrateCli.FAILED;
    }
}
