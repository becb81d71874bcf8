package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a table may be counted before the import ends: only where no statement writes another table. */
class ServerCountsIT {

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private String target;

    @BeforeEach
    void tables() throws SQLException {
        target = fixture.createDatabase("counts");
        fixture.execute(target, "CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TABLE log (id INT PRIMARY KEY) ENGINE=Aria", "CREATE TABLE old (id INT PRIMARY KEY) ENGINE=MyISAM");
    }

    @Test
    void tablesWhoseStatementsWriteOnlyThemselvesMayBeCountedOnceWritten() throws SQLException {
        assertThat(writesStayInTheirTables()).isTrue();
    }

    @Test
    void aTriggerWritesAnotherTable() throws SQLException {
        fixture.execute(target, "CREATE TRIGGER t_log AFTER INSERT ON t FOR EACH ROW INSERT INTO log VALUES (NEW.id)");
        assertThat(writesStayInTheirTables()).isFalse();
    }

    @Test
    void anInsertIntoAViewWritesItsTable() throws SQLException {
        fixture.execute(target, "CREATE VIEW recent AS SELECT id FROM t");
        assertThat(writesStayInTheirTables()).isFalse();
    }

    @Test
    void aFunctionCalledForAValueMayWriteAnyTable() throws SQLException {
        fixture.execute(target, "CREATE FUNCTION logged(n INT) RETURNS INT MODIFIES SQL DATA"
                + " BEGIN INSERT INTO log VALUES (n); RETURN n; END");
        assertThat(writesStayInTheirTables()).isFalse();
    }

    @Test
    void aMergeTableStoresItsRowsInOthers() throws SQLException {
        fixture.execute(target, "CREATE TABLE everything (id INT PRIMARY KEY) ENGINE=MERGE UNION=(old) INSERT_METHOD=LAST");
        assertThat(writesStayInTheirTables()).isFalse();
    }

    private boolean writesStayInTheirTables() throws SQLException {
        try (Connection connection = fixture.connect(target)) {
            return ServerCounts.writesStayInTheirTables(connection);
        }
    }
}
