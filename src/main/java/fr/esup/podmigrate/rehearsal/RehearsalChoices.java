package fr.esup.podmigrate.rehearsal;

import java.util.Set;

/**
 * The choices a console rehearsal makes: the operator's, as the wizard holds them, and defaults for the others.
 *
 * @param defaults the choices taken by default, among {@link #SECTION}, {@link #ERROR_POLICY}, {@link #SITE},
 *                 {@link #SITE_FIXES} and {@link #BROADCASTERS}
 */
public record RehearsalChoices(Recipe recipe, Set<String> defaults) {

    /** The database section imported and whether caches and short-lived tables are: from the latest analysis. */
    static final String SECTION = "section";
    /** From the latest import. */
    static final String ERROR_POLICY = "error-policy";
    /** Site 1's domain and name: the target's, as the site-fix step leaves them. */
    static final String SITE = "site";
    /** The wizard keeps no record of the fixes applied: those the step recommends when the rehearsal runs. */
    static final String SITE_FIXES = "site-fixes";
    /** The wizard keeps no record of the tables inserted into: every one whose v2 rows v3 lacks. */
    static final String BROADCASTERS = "broadcasters";

    public RehearsalChoices {
        defaults = Set.copyOf(defaults);
    }

    public boolean byDefault(String choice) {
        return defaults.contains(choice);
    }
}
