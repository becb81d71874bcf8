package fr.esup.podmigrate.sql.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How an import changes the INSERT and REPLACE statements of one table, once each has a column list.
 *
 * @param dropColumns columns whose values are left out, from the column list and from every row
 * @param setColumns  column → SQL expression, in order: the value the column gets in every row, replacing the row's
 *                    own or appended with the column. {@code {name}} in the expression stands for the row's original
 *                    literal of column {@code name}, dropped or not: {@code TIMESTAMP({start_date}, {end_time})},
 *                    {@code 0}, {@code {title}}
 * @param sameFromBytes whether the expressions give the same values when the row's literals come as bytes (binary
 *                    strings, as the statement's own literals then are) as when they come as utf8mb4 text: then a
 *                    table whose text columns are all utf8mb4 takes its rows as bytes, which the server reads faster
 *                    (see {@link BinaryRows}); an expression that compares, cuts or changes the case of text does not
 */
public record InsertRewrite(Set<String> dropColumns, Map<String, String> setColumns, boolean sameFromBytes) {

    public InsertRewrite {
        dropColumns = Set.copyOf(dropColumns);
        setColumns = Collections.unmodifiableMap(new LinkedHashMap<>(setColumns));
    }

    /** A rewrite whose expressions take the row's literals as text. */
    public InsertRewrite(Set<String> dropColumns, Map<String, String> setColumns) {
        this(dropColumns, setColumns, false);
    }

    public static InsertRewrite dropping(String... columns) {
        return new InsertRewrite(Set.of(columns), Map.of());
    }
}
