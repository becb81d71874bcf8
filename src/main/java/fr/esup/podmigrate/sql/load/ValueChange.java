package fr.esup.podmigrate.sql.load;

/** How the server changed a value it stored, told by the warning it gave for the row. */
public enum ValueChange {
    /** 1048: NULL into a NOT NULL column, stored as '' or 0. */
    NULL_TO_DEFAULT,
    /** 1265, 1406: a value cut to fit its column (a string too long, a number with too many decimals). */
    TRUNCATED,
    /** 1292: an impossible date or time, stored as a zero date. */
    INVALID_DATE,
    /** 1366: characters the column's character set cannot hold, stored as '?'. */
    CHARSET,
    /** 1264: a number out of its column's range, stored as the nearest one it holds. */
    OUT_OF_RANGE,
    /** Any other warning about a row. */
    OTHER;

    static ValueChange of(int warningCode) {
        return switch (warningCode) {
            case 1048 -> NULL_TO_DEFAULT;
            case 1265, 1406 -> TRUNCATED;
            case 1292 -> INVALID_DATE;
            case 1366 -> CHARSET;
            case 1264 -> OUT_OF_RANGE;
            default -> OTHER;
        };
    }
}
