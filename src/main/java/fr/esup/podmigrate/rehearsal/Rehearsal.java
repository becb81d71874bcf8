package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.backup.Backup;
import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.backup.TargetGuard;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.dump.Generated;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sitefix.SiteFixes;
import fr.esup.podmigrate.sitefix.SiteForm;
import fr.esup.podmigrate.sql.load.TargetLock;
import fr.esup.podmigrate.v2.V2Side;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rehearsal: the migration run on the scratch copy of the target, never on the target, which is only read. The
 * copy is the newest verified backup of the target loaded into {@code <target>_pmrehearsal}, or, with no backup, the
 * target's structure and {@code django_migrations} when it is a blank Pod v3. Then the wipe, the import, the site
 * fixes, the broadcasters and the verification, each timed: the replay's expected downtime.
 */
public final class Rehearsal {

    private final DatabaseEndpoint target;
    private final Optional<DatabaseEndpoint> source;
    private final ScratchCopy scratch;
    private final Backups backups;
    private final Path copies;

    /**
     * @param copies the workspace's folder where a compressed podv2.sql is decompressed for its import and its
     *               verification
     */
    public Rehearsal(DatabaseEndpoint target, Optional<DatabaseEndpoint> source,
                     Optional<DatabaseEndpoint> rehearsalServer, Backups backups, Path copies) {
        this.target = target;
        this.source = source;
        this.scratch = ScratchCopy.of(target, rehearsalServer);
        this.backups = backups;
        this.copies = copies;
    }

    public ScratchCopy scratch() {
        return scratch;
    }

    /**
     * The choices a rehearsal makes by itself: the podv2.sql given (with the options the console generated it with,
     * when it did), the Pod v2 section, stop at the first error, site 1 named as the target names it now, and the site
     * fixes and broadcasters the steps propose (chosen when they run).
     *
     * @param jobs    the workspace's jobs, where the console's generations of podv2.sql are recorded
     * @param checked the checklist items ticked as checked
     */
    public Recipe defaultRecipe(Path script, Workspace workspace, JobStore jobs, List<String> checked)
            throws SQLException {
        Recipe.Generation generation = generation(script, workspace, jobs).orElse(null);
        Optional<SiteForm> site = SiteFixes.site(target);
        return new Recipe(Recipe.FORMAT, new Recipe.Podv2(script.toAbsolutePath().normalize().toString(), generation),
                null, false, Recipe.STOP, site.map(s -> new Recipe.Site(s.domain(), s.name())).orElse(null),
                null, null, checked, null);
    }

    /** The options of the console's newest generation that wrote {@code script}, when the console generated it. */
    static Optional<Recipe.Generation> generation(Path script, Workspace workspace, JobStore jobs) {
        Path wanted = script.toAbsolutePath().normalize();
        return jobs.ofStep(WizardStep.DUMP).stream()
                .flatMap(job -> job.result(Generated.class).stream())
                .filter(generated -> generated.options() != null
                        && workspace.root().resolve(generated.file()).toAbsolutePath().normalize().equals(wanted))
                .findFirst().map(generated -> Recipe.Generation.of(generated.options()));
    }

    /**
     * Runs the rehearsal with {@code choices}; with {@code choose}, the site fixes and broadcasters are those the steps
     * recommend, recorded in the outcome's recipe.
     *
     * @throws Refused before anything was created: the script is refused, there is no copy to make, the account may
     *                 not create the scratch database
     */
    public Outcome run(Path script, Recipe choices, boolean choose, JobContext context, StepLog log)
            throws Refused, Exception {
        MigrationSteps.checkAnalysis(script, target, choices);
        Optional<Backup> backup = backups.newestVerified(target);
        if (backup.isEmpty()) {
            TargetGuard guard = backups.guard(target);
            if (!guard.wiped() && !guard.freshInstall()) {
                throw new Refused("No verified backup of " + target.database() + " to rehearse on, and it is not a"
                        + " blank Pod v3 whose structure could be copied: take a backup of it in the console first");
            }
        }
        scratch.create();
        MigrationSteps steps = new MigrationSteps(scratch.endpoint(), source, context, log);
        String copy = backup.map(b -> "copy of " + b.name()).orElse("copy of the blank " + target.database());
        try {
            steps.step(MigrationSteps.COPY, () -> {
                if (backup.isPresent()) {
                    scratch.restore(backup.get());
                } else {
                    scratch.copyStructure();
                }
                return copy;
            }, text -> text);
            steps.wipe(backups, false);
            try (TargetLock lock = TargetLock.acquire(scratch.endpoint()::connect, "rehearsal")) {
                steps.importScript(script, choices, lock, copies);
            }
            V2Side v2 = steps.v2(script, choices);
            var fixes = steps.siteFixes(v2, choices, choose);
            var inserted = steps.broadcasters(v2, choices, choose);
            var verification = steps.verify(script, choices, copies);
            Map<String, Long> millis = steps.millis();
            millis.remove(MigrationSteps.COPY);
            Recipe recipe = new Recipe(Recipe.FORMAT, choices.podv2(), choices.sourceDatabase(),
                    choices.includeEphemeral(), choices.errorPolicy(), choices.site(), fixes,
                    new ArrayList<>(inserted.keySet()), choices.checked(),
                    new Recipe.Rehearsed(Instant.now().toString(), verification.complete() ? "complete" : "not-complete",
                            millis));
            return new Outcome(recipe, verification, millis, steps.warnings(), null, null);
        } catch (MigrationSteps.StepFailed e) {
            return new Outcome(choices, null, steps.millis(), steps.warnings(), e.step(), e.getMessage());
        }
    }
}
