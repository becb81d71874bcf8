package fr.esup.podmigrate.sql.script;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a dump carries for the replication of the server it was taken on, which an import into another
 * database skips: mysqldump's {@code SET @@SESSION.SQL_LOG_BIN} and {@code SET @@GLOBAL.GTID_PURGED} (a MySQL server
 * with GTIDs), mariadb-dump's {@code --master-data} and {@code --dump-slave} lines ({@code CHANGE MASTER TO},
 * {@code SET GLOBAL gtid_slave_pos}, {@code STOP/START SLAVE}). Run, they would make the target a replica, change
 * its replication state, or fail for want of privileges; the import's data never depends on them.
 */
public final class ReplicationStatements {

    /** One assignment, of one of these variables, to a plain value: a list of assignments is not skipped whole. */
    private static final Pattern REPLICATION_SET = Pattern.compile("(?is)SET\\s+(?:@@(?:GLOBAL|SESSION|LOCAL)\\.|"
            + "(?:GLOBAL|SESSION|LOCAL)\\s+)?(?:GTID_PURGED|SQL_LOG_BIN|GTID_SLAVE_POS)\\s*:?=\\s*"
            + "(?:'[^'\\\\]*'|/\\*!\\d*\\s*'\\+'\\s*\\*/|@?\\w+|\\s)+");
    /** A statement a versioned comment holds whole, which the server runs as what it holds. */
    private static final Pattern VERSIONED = Pattern.compile("(?s)/\\*M?!\\d*(.*)\\*/");
    private static final Pattern REPLICATION_COMMAND = Pattern.compile(
            "(?is)(?:CHANGE\\s+(?:MASTER|REPLICATION\\s+SOURCE)|(?:START|STOP)\\s+(?:ALL\\s+)?(?:SLAVES?|REPLICAS?))\\b.*");

    private ReplicationStatements() {
    }

    public static boolean skipped(SqlStatement statement) {
        // Asked of every statement: an INSERT's megabytes are never looked at.
        if (statement.kind() != StatementKind.SET && statement.kind() != StatementKind.OTHER) {
            return false;
        }
        String text = statement.text().strip();
        Matcher versioned = VERSIONED.matcher(text);
        if (versioned.matches()) {
            text = versioned.group(1).strip();
        }
        return REPLICATION_SET.matcher(text).matches() || REPLICATION_COMMAND.matcher(text).matches();
    }
}
