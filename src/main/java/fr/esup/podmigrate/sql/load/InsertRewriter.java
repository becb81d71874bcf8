package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.script.InsertValues;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementKind;
import fr.esup.podmigrate.sql.script.StatementParts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Rewrites the INSERT and REPLACE statements of one script table for the target: its new name, the column list of
 * the script's CREATE TABLE for a positional INSERT, the columns dropped and set by its {@link InsertRewrite}.
 * Immutable: the importing thread makes one per table as it reads, and a loading thread may use it.
 */
final class InsertRewriter {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]+)}");
    /** The verb and its priority modifiers, which come before IGNORE. */
    private static final Pattern MODIFIERS =
            Pattern.compile("(?i)(?:INSERT|REPLACE)(?:\\s+(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY)(?=\\s))*");
    private static final Pattern DELAYED = Pattern.compile("(?i)\\s+DELAYED");
    /** Where a LOAD DATA reads a value that an expression of the rewrite takes: this, then the column's index. */
    private static final String VARIABLE = "@pm_value_";
    /** Where a LOAD DATA reads a value that no column takes. */
    private static final String DISCARDED = "@pm_dropped";

    private final String scriptTable;
    private final String targetTable;
    private final boolean renamed;
    /** The columns for a positional INSERT, or null. */
    private final List<String> createColumns;
    private final InsertRewrite rewrite;
    private final boolean ignoreDuplicates;

    /** A statement ready to send, or why it cannot be made. */
    record Rewritten(String text, Map<String, Long> droppedValues, String error) {

        static Rewritten failed(String error) {
            return new Rewritten(null, Map.of(), error);
        }
    }

    InsertRewriter(String scriptTable, String targetTable, List<String> createColumns, InsertRewrite rewrite,
                   boolean ignoreDuplicates) {
        this.scriptTable = scriptTable;
        this.targetTable = targetTable;
        this.renamed = !scriptTable.equals(targetTable);
        this.createColumns = createColumns;
        this.rewrite = rewrite;
        this.ignoreDuplicates = ignoreDuplicates;
    }

    /** Whether the statement runs as INSERT IGNORE, as written or made so: its rows refused by a key are counted. */
    boolean ignores(SqlStatement insert) {
        return insert.kind() == StatementKind.INSERT ? ignores(insert.ignore()) : insert.ignore();
    }

    private boolean addsIgnore(SqlStatement insert) {
        return ignoreDuplicates && insert.kind() == StatementKind.INSERT && !insert.ignore();
    }

    /** {@code INSERT [LOW_PRIORITY] INTO ...} as {@code INSERT [LOW_PRIORITY] IGNORE INTO ...}, up to {@code to}. */
    private static String withIgnore(CharSequence text, int to) {
        Matcher verb = MODIFIERS.matcher(text);
        int at = verb.lookingAt() ? verb.end() : 6;
        return new StringBuilder(to + 7).append(text, 0, at).append(" IGNORE").append(text, at, to).toString();
    }

    String targetTable() {
        return targetTable;
    }

    /**
     * Whether the rows it writes may go as bytes: they hold the script's literals alone, no expression of the rewrite
     * around them, or expressions that give the same from bytes (see {@link InsertRewrite#sameFromBytes}).
     */
    boolean rowsAsBytes() {
        return rewrite == null || rewrite.setColumns().isEmpty() || rewrite.sameFromBytes();
    }

    /**
     * The column list a LOAD DATA of an INSERT's rows takes to write them as the rewritten INSERT would: the
     * target's columns, a variable where a dropped column's values go, and where the rewrite computes values, a
     * variable for each value an expression reads and a SET clause with the expressions on those variables; null
     * when the INSERT could not be rewritten.
     *
     * @param written the INSERT's own column list, empty when its values are positional
     */
    LoadColumns loadColumns(List<String> written, long rows) {
        List<String> columns = written.isEmpty() && createColumns != null ? createColumns : written;
        if (columns.isEmpty()) {
            return rewrite == null ? new LoadColumns("", Map.of()) : null;
        }
        Columns plan = rewrite == null ? null : plan(columns);
        if (plan != null && plan.error != null) {
            return null;
        }
        Set<Integer> read = new HashSet<>();
        Set<Integer> copied = new HashSet<>();
        if (plan != null) {
            for (Object source : plan.sources) {
                if (source instanceof Template template) {
                    template.parts().stream().filter(Integer.class::isInstance).forEach(i -> read.add((Integer) i));
                } else {
                    copied.add((Integer) source);
                }
            }
        }
        StringBuilder list = new StringBuilder(" (");
        for (int i = 0; i < columns.size(); i++) {
            list.append(i > 0 ? "," : "");
            if (read.contains(i)) {
                list.append(VARIABLE).append(i);
            } else if (plan != null && !copied.contains(i)) {
                // a dropped column, or one whose value the rewrite replaces without reading it
                list.append(DISCARDED);
            } else {
                list.append(Identifiers.quote(columns.get(i)));
            }
        }
        list.append(')');
        StringJoiner assignments = new StringJoiner(", ", " SET ", "").setEmptyValue("");
        for (int k = 0; plan != null && k < plan.names.size(); k++) {
            Object source = plan.sources.get(k);
            StringBuilder assignment = new StringBuilder(Identifiers.quote(plan.names.get(k))).append(" = ");
            if (source instanceof Template template) {
                for (Object part : template.parts()) {
                    assignment.append(part instanceof Integer index ? VARIABLE + index : (String) part);
                }
                assignments.add(assignment);
            } else if (read.contains((Integer) source)) {
                assignments.add(assignment.append(VARIABLE).append(source));
            }
        }
        list.append(assignments);
        return new LoadColumns(list.toString(), plan == null ? Map.of() : droppedValues(plan, rows));
    }

    /** @param list the column list for LOAD DATA, with its leading space; empty when the rows are positional */
    record LoadColumns(String list, Map<String, Long> droppedValues) {
    }

    /**
     * The column list and VALUES of a prepared INSERT that writes an INSERT's rows as the rewritten INSERT would,
     * with a {@code ?} for each value it reads: the target's columns, and where the rewrite computes a column, its
     * expression on the row's values; the values of dropped columns are not bound. Null when the INSERT could not be
     * rewritten or its tuples do not have a value per column.
     *
     * @param written the INSERT's own column list, empty when its values are positional
     * @param arity   how many values each of its tuples has
     */
    BoundColumns boundColumns(List<String> written, int arity, long rows) {
        List<String> columns = written.isEmpty() && createColumns != null ? createColumns : written;
        if (columns.isEmpty()) {
            if (rewrite != null) {
                return null;
            }
            StringJoiner values = new StringJoiner(",", " VALUES (", ")");
            for (int i = 0; i < arity; i++) {
                values.add("?");
            }
            return new BoundColumns(values.toString(), IntStream.range(0, arity).toArray(), Map.of());
        }
        if (arity != columns.size()) {
            return null;
        }
        Columns plan = rewrite == null ? null : plan(columns);
        if (plan != null && plan.error != null) {
            return null;
        }
        List<String> names = plan == null ? columns : plan.names;
        StringBuilder sql = appendColumnList(new StringBuilder(" "), names).append(" VALUES (");
        List<Integer> parameters = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            sql.append(k > 0 ? "," : "");
            Object source = plan == null ? Integer.valueOf(k) : plan.sources.get(k);
            for (Object part : source instanceof Template template ? template.parts() : List.of(source)) {
                if (part instanceof Integer index) {
                    sql.append('?');
                    parameters.add(index);
                } else {
                    sql.append((String) part);
                }
            }
        }
        sql.append(')');
        return new BoundColumns(sql.toString(), parameters.stream().mapToInt(Integer::intValue).toArray(),
                plan == null ? Map.of() : droppedValues(plan, rows));
    }

    /**
     * @param sql        the column list and VALUES, with its leading space
     * @param parameters for each {@code ?} in order, the index of the tuple's value it takes
     */
    record BoundColumns(String sql, int[] parameters, Map<String, Long> droppedValues) {
    }

    /** Whether an INSERT, written with IGNORE or not, runs as INSERT IGNORE. */
    boolean ignores(boolean ignoreWritten) {
        return ignoreWritten || ignoreDuplicates;
    }

    /**
     * The statement as the import runs it. Whatever else changes, a DELAYED is left out: phpMyAdmin's "delayed
     * inserts" export option writes it, and InnoDB refuses it (error 1616) where MyISAM once took it.
     */
    Rewritten rewrite(SqlStatement insert) {
        Rewritten rewritten = rewriteAsWritten(insert);
        if (rewritten.text() == null) {
            return rewritten;
        }
        String text = rewritten.text();
        Matcher verb = MODIFIERS.matcher(text);
        if (!verb.lookingAt() || verb.end() <= 6) {
            return rewritten;
        }
        String modifiers = text.substring(0, verb.end());
        String kept = DELAYED.matcher(modifiers).replaceAll("");
        return kept.equals(modifiers) ? rewritten
                : new Rewritten(kept + text.substring(verb.end()), rewritten.droppedValues(), null);
    }

    private Rewritten rewriteAsWritten(SqlStatement insert) {
        String text = insert.text();
        boolean positional = insert.columns().isEmpty() && insert.valuesOffset() >= 0;
        List<String> columns = positional && createColumns != null ? createColumns : insert.columns();
        if (rewrite != null) {
            if (insert.valuesOffset() < 0) {
                return Rewritten.failed("only INSERT ... VALUES can have its columns rewritten; this INSERT into "
                        + scriptTable + " takes its rows from a SELECT or a SET");
            }
            if (columns.isEmpty()) {
                return Rewritten.failed("this INSERT into " + scriptTable + " has no column list and no CREATE TABLE"
                        + " precedes it, so its columns cannot be rewritten");
            }
        }
        boolean addList = positional && createColumns != null;
        boolean addIgnore = addsIgnore(insert) && text.regionMatches(true, 0, "INSERT", 0, 6);
        if (rewrite == null && !renamed && !addList) {
            return new Rewritten(addIgnore ? withIgnore(text, text.length()) : text, Map.of(), null);
        }
        if (insert.valuesOffset() < 0) {
            String head = renameHead(text);
            return new Rewritten(addIgnore ? withIgnore(head, head.length()) : head, Map.of(), null);
        }
        StatementParts.InsertHead head = StatementParts.insertHead(text, insert.valuesOffset());
        if (head.table() == null || head.valuesKeyword() < 0) {
            return Rewritten.failed("the table and VALUES of this INSERT could not be found");
        }
        Columns plan = rewrite == null ? null : plan(columns);
        if (plan != null && plan.error != null) {
            return Rewritten.failed(plan.error);
        }
        StringBuilder sql = new StringBuilder(text.length() + 64 + (plan == null ? 0 : text.length() / 8));
        if (addIgnore) {
            sql.append(withIgnore(text, head.table().start()));
        } else {
            sql.append(text, 0, head.table().start());
        }
        sql.append(name(text, head.table()));
        List<String> listed = plan != null ? plan.names : addList ? columns : null;
        if (listed == null) {
            sql.append(text, head.table().end(), head.valuesKeyword());
        } else if (head.columnsStart() >= 0) {
            sql.append(text, head.table().end(), head.columnsStart());
            appendColumnList(sql, listed);
            sql.append(text, head.columnsEnd(), head.valuesKeyword());
        } else {
            sql.append(text, head.table().end(), head.valuesKeyword());
            appendColumnList(sql, listed).append(' ');
        }
        if (plan == null) {
            sql.append(text, head.valuesKeyword(), text.length());
            return new Rewritten(sql.toString(), Map.of(), null);
        }
        sql.append(text, head.valuesKeyword(), insert.valuesOffset());
        return rewriteRows(insert, columns.size(), plan, sql);
    }

    private Rewritten rewriteRows(SqlStatement insert, int columnCount, Columns plan, StringBuilder sql) {
        InsertValues rows = InsertValues.of(insert);
        long rowCount = 0;
        for (List<String> row = rows.nextRow(); row != null; row = rows.nextRow()) {
            if (row.size() != columnCount) {
                return Rewritten.failed("row " + (rowCount + 1) + " of this INSERT into " + scriptTable + " has "
                        + row.size() + " values for " + columnCount + " columns");
            }
            sql.append(rowCount++ == 0 ? "(" : ",(");
            for (int i = 0; i < plan.sources.size(); i++) {
                if (i > 0) {
                    sql.append(',');
                }
                Object source = plan.sources.get(i);
                if (source instanceof Integer index) {
                    sql.append(row.get(index));
                } else {
                    appendTemplate(sql, (Template) source, row);
                }
            }
            sql.append(')');
        }
        sql.append(insert.text(), rows.position(), insert.text().length());
        return new Rewritten(sql.toString(), droppedValues(plan, rowCount), null);
    }

    /** The values of each column the plan drops, {@code rows} of them, by {@code table.column}. */
    private Map<String, Long> droppedValues(Columns plan, long rows) {
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (String column : plan.dropped) {
            if (!plan.read.contains(column.toLowerCase(Locale.ROOT))) {
                dropped.put(scriptTable + "." + column, rows);
            }
        }
        return dropped;
    }

    private String renameHead(String text) {
        if (!renamed) {
            return text;
        }
        List<StatementParts.Name> names = StatementParts.headTables(text, false);
        if (names.isEmpty()) {
            return text;
        }
        StatementParts.Name name = names.get(0);
        return text.substring(0, name.start()) + name(text, name) + text.substring(name.end());
    }

    private String name(String text, StatementParts.Name name) {
        return renamed ? Identifiers.quote(targetTable) : text.substring(name.start(), name.end());
    }

    private static StringBuilder appendColumnList(StringBuilder sql, List<String> columns) {
        sql.append('(');
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ",").append(Identifiers.quote(columns.get(i)));
        }
        return sql.append(')');
    }

    private static void appendTemplate(StringBuilder sql, Template template, List<String> row) {
        for (Object part : template.parts) {
            if (part instanceof Integer index) {
                sql.append(row.get(index));
            } else {
                sql.append((String) part);
            }
        }
    }

    /** The output columns of a rewritten INSERT: where each value comes from. */
    private static final class Columns {
        final List<String> names = new ArrayList<>();
        /** Per output column: the index of the row's value to copy, or a {@link Template}. */
        final List<Object> sources = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();
        /** The row's columns an expression reads, lower-cased: a dropped one's values live on in what it computes. */
        final Set<String> read = new HashSet<>();
        String error;
    }

    /** An expression of {@link InsertRewrite#setColumns()}: literal text and indexes of the row's values. */
    private record Template(List<Object> parts) {
    }

    private Columns plan(List<String> columns) {
        Columns plan = new Columns();
        Map<String, Integer> indexes = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            indexes.putIfAbsent(columns.get(i).toLowerCase(Locale.ROOT), i);
        }
        Map<String, Template> set = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : rewrite.setColumns().entrySet()) {
            Template template = template(entry.getValue(), indexes, plan);
            if (template == null) {
                return plan;
            }
            set.put(entry.getKey().toLowerCase(Locale.ROOT), template);
        }
        List<String> drop = rewrite.dropColumns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        for (int i = 0; i < columns.size(); i++) {
            String key = columns.get(i).toLowerCase(Locale.ROOT);
            if (drop.contains(key)) {
                plan.dropped.add(columns.get(i));
            } else {
                plan.names.add(columns.get(i));
                Template template = set.remove(key);
                plan.sources.add(template != null ? template : Integer.valueOf(i));
            }
        }
        for (Map.Entry<String, String> entry : rewrite.setColumns().entrySet()) {
            Template template = set.remove(entry.getKey().toLowerCase(Locale.ROOT));
            if (template != null) {
                plan.names.add(entry.getKey());
                plan.sources.add(template);
            }
        }
        return plan;
    }

    private Template template(String expression, Map<String, Integer> indexes, Columns plan) {
        List<Object> parts = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(expression);
        int last = 0;
        while (placeholder.find()) {
            Integer index = indexes.get(placeholder.group(1).toLowerCase(Locale.ROOT));
            if (index == null) {
                plan.error = "the value set for " + scriptTable + " refers to {" + placeholder.group(1)
                        + "}, which this INSERT does not have";
                return null;
            }
            plan.read.add(placeholder.group(1).toLowerCase(Locale.ROOT));
            parts.add(expression.substring(last, placeholder.start()));
            parts.add(index);
            last = placeholder.end();
        }
        parts.add(expression.substring(last));
        return new Template(parts);
    }
}
