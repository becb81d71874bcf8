package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long run of INSERTs (the analysis hands such runs to the connections whole) into a table the import leaves out,
 * excluded or missing from a target whose structure is kept, as a Pod import meets a large {@code django_session}:
 * each of its statements is skipped and accounted for, and the tables around it load.
 */
class ImporterSkippedRunsIT {

    /** Enough statements of enough rows to make a run of several hundred kilobytes. */
    private static final int STATEMENTS = 30;
    private static final int ROWS_PER_STATEMENT = 100;

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();

    @ParameterizedTest(name = "on {0} connection(s)")
    @ValueSource(ints = {1, 4})
    void theRunsOfATableLeftOutAreSkippedStatementByStatement(int connections) throws Exception {
        Path script = fixture.write(script(), "left-out.sql");
        String target = fixture.createDatabase("leftout");
        fixture.execute(target, "CREATE TABLE `kept` (`id` int PRIMARY KEY, `label` varchar(200))",
                "CREATE TABLE `excluded` (`id` int PRIMARY KEY, `label` varchar(200))",
                "INSERT INTO `excluded` VALUES (1, 'the target''s own')");
        ImportOptions options = ImportOptions.builder().parallelism(connections).keepTargetStructure(true)
                .targetTables(List.of("kept", "excluded")).excludedTables("excluded").build();

        ImportResult result = new Importer(options).run(script, fixture.factory(target));

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
        assertThat(result.skipped(SkipReason.EXCLUDED_TABLE)).isEqualTo(STATEMENTS);
        assertThat(result.skipped(SkipReason.MISSING_TABLE)).isEqualTo(STATEMENTS);
        assertThat(result.tables().get("excluded").skippedRows()).isEqualTo((long) STATEMENTS * ROWS_PER_STATEMENT);
        assertThat(result.tables().get("missing").skippedRows()).isEqualTo((long) STATEMENTS * ROWS_PER_STATEMENT);
        assertThat(result.missingTables()).containsExactly("missing");
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(label) FROM `excluded`"))
                .isEqualTo("the target's own");
        assertThat(fixture.count(target, "kept")).isEqualTo((long) STATEMENTS * ROWS_PER_STATEMENT);
        assertThat(result.tables().get("kept").rowsAfter()).isEqualTo((long) STATEMENTS * ROWS_PER_STATEMENT);
    }

    private static String script() {
        StringBuilder sql = new StringBuilder();
        String label = "x".repeat(180);
        for (String table : List.of("excluded", "missing", "kept")) {
            for (int statement = 0; statement < STATEMENTS; statement++) {
                sql.append("INSERT INTO `").append(table).append("` VALUES ");
                for (int row = 1; row <= ROWS_PER_STATEMENT; row++) {
                    sql.append(row == 1 ? "" : ",").append('(').append(statement * ROWS_PER_STATEMENT + row)
                            .append(",'").append(label).append("')");
                }
                sql.append(";\n");
            }
        }
        return sql.toString();
    }
}
