package fr.esup.podmigrate.sitefix;

/**
 * A site fix the page proposes, with the rows it would change now.
 *
 * @param key         what the form sends to choose it
 * @param plan        for a {@link FixKind#V2_LINKS} fix, where each row goes; else null
 * @param recommended chosen by default: every fix but the procedure's where the v2 links do better
 */
public record ProposedFix(String key, FixKind kind, String table, String column, long pending, V2LinkPlan plan,
                          boolean recommended) {
}
