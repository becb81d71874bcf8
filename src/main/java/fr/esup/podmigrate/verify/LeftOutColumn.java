package fr.esup.podmigrate.verify;

/**
 * A v2 column whose values v3 does not keep: its v3 table lacks it and no rule of the import reads it.
 *
 * @param values    the rows where it holds a value (neither NULL nor empty)
 * @param droppedIn the Pod release that dropped it, when Pod's knowledge says so; null for a column Pod never had
 *                  (one the site added to its v2): its values are lost unless the target's table gets it before the
 *                  import
 */
public record LeftOutColumn(String column, long values, String droppedIn) {

    /** Values of the site's own column that v3 does not hold. */
    public long lost() {
        return droppedIn == null ? values : 0;
    }
}
