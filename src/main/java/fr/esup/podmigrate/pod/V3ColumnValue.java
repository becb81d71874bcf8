package fr.esup.podmigrate.pod;

import java.util.List;

/**
 * The value a v3 column takes for a row coming from v2.
 *
 * @param expression an SQL expression evaluated on the v2 row (a constant when {@code v2Columns} is empty)
 * @param v2Columns  the v2 columns the expression reads
 * @param why        where the value comes from (Pod's model default or its own upgrade code)
 * @param forNotNull the value exists because the column became NOT NULL: a target where it is still nullable keeps
 *                   v2's value
 */
public record V3ColumnValue(String table, String column, String expression, List<String> v2Columns, String why,
                            boolean forNotNull) {

    public boolean isConstant() {
        return v2Columns.isEmpty();
    }
}
