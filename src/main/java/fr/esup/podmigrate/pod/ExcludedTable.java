package fr.esup.podmigrate.pod;

/** A table the import never writes, though both versions have it. */
public record ExcludedTable(String table, Reason reason) {

    public enum Reason {
        /** v3 keeps its own rows: they describe the migrations that built v3's schema. */
        TARGET_KEEPS_ITS_ROWS,
        /** The model changed too much to import; the operator re-creates the rows from the v2 list. */
        RECREATED_BY_HAND
    }
}
