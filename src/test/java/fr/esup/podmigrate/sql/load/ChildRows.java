package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.testsupport.HeldLock;

/** The rows of a table `child` (id, parent_id, label, note) as mariadb-dump writes them: a long run of rows. */
final class ChildRows {

    /** Its definition: a unique key, two other keys, a foreign key and a check. */
    static final String CREATE_TABLE = """
            CREATE TABLE `child` (
              `id` int NOT NULL,
              `parent_id` int NOT NULL,
              `label` varchar(40) NOT NULL,
              `note` text,
              PRIMARY KEY (`id`),
              UNIQUE KEY `child_label` (`label`),
              KEY `child_parent_id_fk` (`parent_id`),
              KEY `child_note` (`note`(10)),
              CONSTRAINT `child_parent_id_fk` FOREIGN KEY (`parent_id`) REFERENCES `parent` (`id`),
              CONSTRAINT `child_id_positive` CHECK (`id` > 0)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

    /** The INSERT statements, of two rows each. */
    static final int STATEMENTS = 60;

    private ChildRows() {
    }

    /** 300 kB of INSERTs, the note of each row {@code note}. */
    static String inserts(String note) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < STATEMENTS; i++) {
            sql.append("INSERT INTO `child` VALUES ");
            for (int row = 2 * i + 1; row <= 2 * i + 2; row++) {
                sql.append(row > 2 * i + 1 ? "," : "").append('(').append(row).append(',').append(1 + row % 2)
                        .append(",'label ").append(row).append("',").append(note).append(')');
            }
            sql.append(";\n");
        }
        return sql.toString();
    }

    /** A note of 2,500 bytes; when {@code slow}, an expression that waits a few milliseconds for the lock first. */
    static String note(HeldLock slowLock, boolean slow) {
        String note = "'" + "n".repeat(2500) + "'";
        return slow ? "CONCAT(" + note + ", " + slowLock.waitFor(0.004) + ")" : note;
    }
}
