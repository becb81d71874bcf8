package fr.esup.podmigrate.pod;

/**
 * A v2 table that a v3 target lacks (after renames), and what becomes of its rows.
 *
 * @param goneIn      the first Pod release without the table
 * @param destination where the rows' information goes ({@code table.column} or a table), empty when dropped
 */
public record TableWithoutHome(String v2Table, String goneIn, Fate fate, String destination) {

    public enum Fate {
        /** Each row becomes a foreign key value on the row it linked (a many-to-many turned into a column). */
        BECOMES_COLUMN,
        /** v3 has no place for them: they are reported, not imported. */
        DROPPED
    }
}
