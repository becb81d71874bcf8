package fr.esup.podmigrate.v2;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.SucceededJobs;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.script.DatabaseSections;
import fr.esup.podmigrate.sql.script.InsertValues;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementKind;
import fr.esup.podmigrate.sql.script.StatementReader;
import fr.esup.podmigrate.sql.script.TableDefinitions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The run's Pod v2 rows for the steps after the import: read from the source database when one is configured, else
 * from the podv2.sql the run imported. Tables are read whole: it serves small tables (site links, broadcasters).
 */
@Component
public class V2Side {

    /** Row tuples of the podv2.sql decoded per query. */
    private static final int TUPLES_PER_QUERY = 200;

    private static final ResultSetExtractor<List<List<Object>>> ROWS = V2Side::rows;

    private final Databases databases;
    private final SucceededJobs jobs;
    private final Workspace workspace;
    /** The podv2.sql a migration outside the wizard's run reads (a rehearsal, a replay); null: the newest import's. */
    private final Path script;
    private final String scriptDatabase;
    private ScriptRead lastRead;

    @Autowired
    public V2Side(Databases databases, SucceededJobs jobs, Workspace workspace) {
        this(databases, jobs, workspace, null, null);
    }

    private V2Side(Databases databases, SucceededJobs jobs, Workspace workspace, Path script, String scriptDatabase) {
        this.databases = databases;
        this.jobs = jobs;
        this.workspace = workspace;
        this.script = script;
        this.scriptDatabase = scriptDatabase;
    }

    /**
     * The v2 rows of a migration run outside the wizard (a rehearsal, a replay): the source database, else
     * {@code script}'s section of {@code sourceDatabase} (null: its Pod v2 one), decoded on {@code databases}' target.
     */
    public static V2Side of(Databases databases, Path script, String sourceDatabase) {
        return new V2Side(databases, null, null, script.toAbsolutePath().normalize(), sourceDatabase);
    }

    /** Where v2 rows are read, or empty when the run has no source database and has imported no podv2.sql. */
    public Optional<V2Origin> origin() {
        Optional<DatabaseEndpoint> source = databases.source();
        if (source.isPresent()) {
            return Optional.of(new V2Origin(V2Origin.Kind.SOURCE, source.get().toString()));
        }
        if (script != null) {
            return Optional.of(new V2Origin(V2Origin.Kind.SCRIPT, script.getFileName().toString()));
        }
        return newestImport().map(imported -> new V2Origin(V2Origin.Kind.SCRIPT, imported.script()));
    }

    /** The tables among {@code names} that v2 has (none when there is no {@link #origin()}), by name. */
    public Map<String, V2Table> tables(Collection<String> names) throws SQLException, IOException {
        Optional<DatabaseEndpoint> source = databases.source();
        if (source.isPresent()) {
            return fromDatabase(source.get(), names);
        }
        if (script != null) {
            return read(script, scriptDatabase, Set.copyOf(names));
        }
        Optional<ScriptReading> imported = newestImport();
        return imported.isPresent() ? fromScript(imported.get().script(), imported.get().sourceDatabase(),
                Set.copyOf(names)) : Map.of();
    }

    /** The podv2.sql of the newest import that succeeded, whose rows are v2's. */
    private Optional<ScriptReading> newestImport() {
        return jobs.newest(WizardStep.IMPORT).flatMap(job -> job.result(ScriptReading.class));
    }

    private static Map<String, V2Table> fromDatabase(DatabaseEndpoint source, Collection<String> names)
            throws SQLException {
        Map<String, V2Table> tables = new LinkedHashMap<>();
        try (Connection connection = source.connect()) {
            JdbcClient db = TableQueries.on(connection);
            Set<String> present = TableQueries.tables(db);
            for (String name : names) {
                if (present.contains(name)) {
                    ResultSetExtractor<V2Table> table = rs -> new V2Table(name, columns(rs.getMetaData()), rows(rs));
                    tables.put(name, db.sql("SELECT * FROM " + Identifiers.quote(name)).query(table));
                }
            }
        }
        return tables;
    }

    /**
     * Reads the script once per change of the file or of the tables asked: a podv2.sql can weigh gigabytes. Of a
     * script of several databases, only the section of {@code sourceDatabase} (the one the import took) counts.
     */
    private synchronized Map<String, V2Table> fromScript(String id, String sourceDatabase, Set<String> names)
            throws SQLException, IOException {
        Path root = workspace.root();
        Path script = root.resolve(id).normalize();
        if (!script.startsWith(root) || !Files.isRegularFile(script)) {
            throw new IOException("The imported podv2.sql " + id + " is no longer in the workspace");
        }
        return read(script, sourceDatabase, names);
    }

    private synchronized Map<String, V2Table> read(Path script, String sourceDatabase, Set<String> names)
            throws SQLException, IOException {
        ScriptRead read = new ScriptRead(script, Files.size(script), Files.getLastModifiedTime(script), sourceDatabase,
                names, null);
        if (lastRead == null || !lastRead.sameAs(read)) {
            lastRead = read.with(decode(literals(script, sourceDatabase, names)));
        }
        return lastRead.tables();
    }

    /** Each table's columns (in the order the script first names them) and row tuples, as SQL literals by column. */
    private static Map<String, ScriptTable> literals(Path script, String sourceDatabase, Set<String> names)
            throws IOException {
        Map<String, List<String>> created = new HashMap<>();
        Map<String, ScriptTable> tables = new LinkedHashMap<>();
        DatabaseSections sections = new DatabaseSections(sourceDatabase);
        try (StatementReader reader = StatementReader.open(script)) {
            for (SqlStatement s = reader.next(); s != null; s = reader.next()) {
                if (!sections.inSource(s) || s.table() == null || !names.contains(s.table())) {
                    continue;
                }
                if (s.kind() == StatementKind.CREATE_TABLE) {
                    String table = s.table();
                    TableDefinitions.columns(s.text()).ifPresent(columns -> created.putIfAbsent(table, columns));
                } else if ((s.kind() == StatementKind.INSERT || s.kind() == StatementKind.REPLACE) && s.valuesOffset() >= 0) {
                    List<String> columns = s.columns().isEmpty() ? created.get(s.table()) : s.columns();
                    if (columns == null) {
                        throw new IOException("Line " + s.line() + " of " + script.getFileName()
                                + ": an INSERT into " + s.table() + " without a column list nor a CREATE TABLE before it");
                    }
                    ScriptTable table = tables.computeIfAbsent(s.table(), t -> new ScriptTable(new ArrayList<>(), new ArrayList<>()));
                    InsertValues values = InsertValues.of(s);
                    for (List<String> tuple = values.nextRow(); tuple != null; tuple = values.nextRow()) {
                        table.add(columns, tuple);
                    }
                }
            }
        }
        return tables;
    }

    /** Has the target server turn the literals into values, exactly as the import did. */
    private Map<String, V2Table> decode(Map<String, ScriptTable> literals) throws SQLException {
        Map<String, V2Table> tables = new LinkedHashMap<>();
        try (Connection connection = databases.target().connect()) {
            JdbcClient db = TableQueries.on(connection);
            for (Map.Entry<String, ScriptTable> entry : literals.entrySet()) {
                ScriptTable table = entry.getValue();
                List<List<Object>> rows = new ArrayList<>();
                for (int from = 0; from < table.tuples().size(); from += TUPLES_PER_QUERY) {
                    List<String> selects = table.tuples().subList(from, Math.min(table.tuples().size(), from + TUPLES_PER_QUERY))
                            .stream().map(tuple -> "SELECT " + String.join(", ", table.aligned(tuple))).toList();
                    rows.addAll(db.sql(String.join(" UNION ALL ", selects)).query(ROWS));
                }
                tables.put(entry.getKey(), new V2Table(entry.getKey(), List.copyOf(table.columns()), rows));
            }
        }
        return tables;
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        return columns;
    }

    private static List<List<Object>> rows(ResultSet rs) throws SQLException {
        int width = rs.getMetaData().getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(width);
            for (int i = 1; i <= width; i++) {
                row.add(rs.getObject(i));
            }
            rows.add(Collections.unmodifiableList(row));
        }
        return rows;
    }

    /** A table's tuples as the script wrote them: each INSERT may name its own columns. */
    private record ScriptTable(List<String> columns, List<Map<String, String>> tuples) {

        void add(List<String> insertColumns, List<String> tuple) throws IOException {
            if (tuple.size() != insertColumns.size()) {
                throw new IOException("A row of " + tuple.size() + " values for the " + insertColumns.size()
                        + " columns " + insertColumns);
            }
            Map<String, String> byColumn = new HashMap<>();
            for (int i = 0; i < tuple.size(); i++) {
                if (!columns.contains(insertColumns.get(i))) {
                    columns.add(insertColumns.get(i));
                }
                byColumn.put(insertColumns.get(i), tuple.get(i));
            }
            tuples.add(byColumn);
        }

        List<String> aligned(Map<String, String> tuple) {
            return columns.stream().map(column -> tuple.getOrDefault(column, "NULL")).toList();
        }
    }

    private record ScriptRead(Path script, long size, FileTime modified, String sourceDatabase, Set<String> names,
                              Map<String, V2Table> tables) {

        boolean sameAs(ScriptRead other) {
            return script.equals(other.script) && size == other.size && modified.equals(other.modified)
                    && Objects.equals(sourceDatabase, other.sourceDatabase) && names.equals(other.names);
        }

        ScriptRead with(Map<String, V2Table> read) {
            return new ScriptRead(script, size, modified, sourceDatabase, names, read);
        }
    }
}
