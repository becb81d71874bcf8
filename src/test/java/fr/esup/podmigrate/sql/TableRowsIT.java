package fr.esup.podmigrate.sql;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many tables' counts, emptiness and checksums asked in a statement per hundred: the same as asked one by one. */
class TableRowsIT {

    /** More tables than one statement asks of, so that the last statement asks of a few. */
    private static final int TABLES = TableRows.TABLES_PER_STATEMENT + 7;

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private String database;
    private final List<String> tables = new ArrayList<>();

    @BeforeEach
    void tables() throws SQLException {
        database = fixture.createDatabase("rows");
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < TABLES; i++) {
            // names that need their quotes: a dot, a backtick, a space
            String table = switch (i) {
                case 3 -> "a.b";
                case 50 -> "c`d";
                case TABLES - 1 -> "last one";
                default -> "t" + i;
            };
            tables.add(table);
            sql.add("CREATE TABLE " + Identifiers.quote(table) + " (id INT PRIMARY KEY, v VARCHAR(20))");
            if (i % 4 != 0) {
                sql.add("INSERT INTO " + Identifiers.quote(table) + " SELECT seq, CONCAT('v', seq) FROM seq_1_to_" + i);
            }
        }
        fixture.execute(database, sql.toArray(String[]::new));
    }

    @Test
    void countsAreEachTablesCountInTheOrderAsked() throws SQLException {
        List<String> asked = new ArrayList<>(tables);
        Collections.reverse(asked);
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement()) {
            Map<String, Long> counts = TableRows.counts(statement, asked);

            assertThat(counts.keySet()).containsExactlyElementsOf(asked);
            for (String table : tables) {
                assertThat(counts.get(table)).as(table).isEqualTo(one(statement, "SELECT COUNT(*) FROM " + Identifiers.quote(table)));
            }
            assertThat(counts.get("t5")).isEqualTo(5);
            assertThat(counts.get("t4")).isZero();
        }
    }

    @Test
    void tablesWithRowsAreThoseThatHoldOne() throws SQLException {
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement()) {
            assertThat(TableRows.withRows(statement, tables)).containsExactlyInAnyOrderElementsOf(
                    tables.stream().filter(table -> tables.indexOf(table) % 4 != 0).toList());
        }
    }

    @Test
    void checksumsAreEachTablesChecksumTable() throws SQLException {
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement()) {
            Map<String, Long> checksums = TableRows.checksums(statement, tables);

            assertThat(checksums.keySet()).containsExactlyElementsOf(tables);
            for (String table : tables) {
                try (ResultSet alone = statement.executeQuery("CHECKSUM TABLE " + Identifiers.quote(table))) {
                    alone.next();
                    assertThat(checksums.get(table)).as(table).isEqualTo(alone.getLong(2));
                }
            }
            assertThat(checksums.get("t5")).isNotEqualTo(checksums.get("t6")).isNotZero();
        }
    }

    @Test
    void aMissingTableIsAnError() throws SQLException {
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> TableRows.counts(statement, List.of("t1", "gone"))).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> TableRows.withRows(statement, List.of("gone"))).isInstanceOf(SQLException.class);
            // the server names it with a NULL checksum, as CHECKSUM TABLE of it alone does
            assertThat(TableRows.checksums(statement, List.of("t1", "gone"))).containsEntry("gone", 0L);
        }
    }

    @Test
    void noTablesAskNothing() throws SQLException {
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement()) {
            assertThat(TableRows.counts(statement, List.of())).isEmpty();
            assertThat(TableRows.withRows(statement, List.of())).isEmpty();
            assertThat(TableRows.checksums(statement, List.of())).isEmpty();
        }
    }

    private static long one(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
