package fr.esup.podmigrate.importing;

import java.util.List;

/**
 * What the import will do with one table of the script.
 *
 * @param targetTable      the v3 table its rows go to (after a rename), or empty when they go nowhere
 * @param droppedColumns   columns removed from every INSERT: v3 no longer has them
 * @param note             for an unread table, the table its model field reads; for an ephemeral one, its reason's
 *                         key; for an excluded one, its reason's key; for one without v3 home, the key of what
 *                         becomes of its rows ({@code becomes-column} or {@code dropped}); else empty
 * @param noteArgument     for a table without v3 home, where its rows' information goes, or the Pod release that
 *                         dropped it; else empty
 * @param filledColumns    v3 columns the script does not fill, with the value each row gets: NOT NULL ones, and the
 *                         default language's column of a field v3 translates
 * @param convertedColumns columns whose v2 values are converted, with the expression
 * @param unfilledColumns  v3 NOT NULL columns without default that nothing fills (they get 0 or '')
 * @param replacesRows     the script drops or creates the table: the v3 table is emptied before its rows go in
 */
public record TablePlan(String scriptTable, String targetTable, Fate fate, String note, String noteArgument,
                        long statements, long rows,
                        List<ColumnChange> droppedColumns, List<ColumnChange> filledColumns,
                        List<ColumnChange> convertedColumns, List<String> unfilledColumns,
                        long positionalInserts, boolean replacesRows) {

    public enum Fate {
        /** Imported into the v3 table of the same name. */
        IMPORTED,
        /** Imported into a renamed v3 table. */
        RENAMED,
        /** Imported as it is, though no model reads it: its rows show neither in v2 nor in v3. */
        UNREAD,
        /** Never imported (django_migrations, live_broadcaster). */
        EXCLUDED,
        /** A cache or short-lived state, left out unless the operator includes it. */
        EPHEMERAL,
        /** v3 has no table for it; Pod's knowledge says where its information goes. */
        NO_V3_HOME,
        /** v3 has no such table and Pod's knowledge does not know it: reported, never created. */
        MISSING_IN_V3;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** A column the import changes, and why. */
    public record ColumnChange(String column, String expression, String why) {
    }

    public boolean imported() {
        return fate == Fate.IMPORTED || fate == Fate.RENAMED || fate == Fate.UNREAD;
    }

    public boolean fitsV3() {
        return imported() && unfilledColumns.isEmpty();
    }
}
