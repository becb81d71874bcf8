package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StatementInspectionTest {

    private final Set<String> charsets = new LinkedHashSet<>();
    private final Set<String> collations = new LinkedHashSet<>();
    private final StatementInspection inspection = new StatementInspection("pod3"::equals,
            name -> name.equalsIgnoreCase("pod3") || name.equalsIgnoreCase("pod"), charsets, collations);

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            USE mysql                                                             | USE_OTHER_DATABASE
            USE `information_schema`;                                             | USE_OTHER_DATABASE
            CREATE DATABASE IF NOT EXISTS other_db                                | CREATE_DATABASE
            /*!40000 DROP DATABASE IF EXISTS `pod3`*/                             | DROP_DATABASE
            ALTER DATABASE pod3 CHARACTER SET latin1                              | ALTER_DATABASE
            GRANT ALL ON *.* TO 'x'@'%'                                           | GRANT
            REVOKE ALL PRIVILEGES ON pod3.* FROM 'x'@'%'                          | REVOKE
            CREATE USER 'x'@'%' IDENTIFIED BY 'p'                                 | CREATE_USER
            CREATE ROLE admin                                                     | CREATE_USER
            DROP USER IF EXISTS 'x'@'%'                                           | DROP_USER
            ALTER USER root@localhost IDENTIFIED BY 'p'                           | ALTER_USER
            RENAME USER a TO b                                                    | ALTER_USER
            SET PASSWORD FOR root@localhost = PASSWORD('x')                       | ALTER_USER
            SET DEFAULT ROLE admin FOR x                                          | ALTER_USER
            SET ROLE mariadb_dump_import_role                                     | ALTER_USER
            /*!80000 SET ROLE NONE */                                             | ALTER_USER
            CREATE DEFINER=`root`@`localhost` VIEW v AS SELECT 1                  | DEFINER
            /*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=`root`@`%` SQL SECURITY DEFINER */ /*!50001 VIEW `v` AS select 1 */ | DEFINER
            /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1 */ | DEFINER
            CREATE DEFINER = CURRENT_USER PROCEDURE p() SELECT 1                   | DEFINER
            LOAD DATA INFILE '/etc/passwd' INTO TABLE t                           | LOAD_DATA
            LOAD XML LOCAL INFILE 'x.xml' INTO TABLE t                            | LOAD_DATA
            INSERT INTO t (a) VALUES (LOAD_FILE('/etc/shadow'))                   | LOAD_FILE
            INSERT INTO t VALUES (1, 'a'), (2, CONCAT('b', LOAD_FILE('/etc/shadow'))) | LOAD_FILE
            SELECT load_file('/etc/passwd')                                       | LOAD_FILE
            SELECT * FROM t INTO OUTFILE '/tmp/x'                                 | INTO_OUTFILE
            SELECT a INTO DUMPFILE '/tmp/x' FROM t                                | INTO_OUTFILE
            CREATE TABLE t (a int) DATA DIRECTORY = '/tmp'                        | FILE_DIRECTORY
            PREPARE s FROM 'DROP DATABASE mysql'                                  | DYNAMIC_SQL
            EXECUTE IMMEDIATE 'DROP DATABASE mysql'                               | DYNAMIC_SQL
            SHUTDOWN                                                              | SHUTDOWN
            KILL 42                                                               | KILL
            SET GLOBAL max_connections = 1                                        | SET_GLOBAL
            SET @@global.sql_mode = ''                                            | SET_GLOBAL
            SET @@GLOBAL.max_allowed_packet = 1                                   | SET_GLOBAL
            SET sql_mode = '', GLOBAL general_log = 1                             | SET_GLOBAL
            SET @a = 1, @@global.read_only = 1                                    | SET_GLOBAL
            /*!40101 SET PERSIST max_connections = 1 */                           | SET_GLOBAL
            INSTALL SONAME 'ha_connect'                                           | INSTALL_PLUGIN
            UNINSTALL PLUGIN audit                                                | INSTALL_PLUGIN
            FLUSH PRIVILEGES                                                      | FLUSH
            RESET MASTER                                                          | RESET
            CHANGE MASTER TO MASTER_HOST = 'h'                                    | CHANGE_MASTER
            STOP SLAVE                                                            | CHANGE_MASTER
            PURGE BINARY LOGS TO 'x'                                              | CHANGE_MASTER
            INSERT INTO other_db.t VALUES (1)                                     | OTHER_DATABASE_TABLE
            INSERT INTO `mysql`.`user` (a) VALUES (1)                             | OTHER_DATABASE_TABLE
            CREATE TABLE pod.t (a int)                                            | OTHER_DATABASE_TABLE
            DROP TABLE IF EXISTS `t1`, `other`.`t2`                               | OTHER_DATABASE_TABLE
            ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES other.p (id) | OTHER_DATABASE_TABLE
            TRUNCATE TABLE mysql.user                                             | OTHER_DATABASE_TABLE
            RENAME TABLE t TO archive.t                                           | OTHER_DATABASE_TABLE
            CREATE TABLE t LIKE other.t                                           | OTHER_DATABASE_TABLE
            INSERT INTO t VALUES ((SELECT MAX(id) FROM mysql.user))               | OTHER_DATABASE_TABLE
            CREATE VIEW v AS SELECT a.x FROM t a JOIN sys.t2 b ON a.x = b.x       | OTHER_DATABASE_TABLE
            CREATE INDEX i ON other.t (a)                                         | OTHER_DATABASE_TABLE
            SET @n = (SELECT COUNT(*) FROM mysql.user)                            | OTHER_DATABASE_TABLE
            CALL other.p()                                                        | OTHER_DATABASE_TABLE
            INSERT INTO t VALUES (1, other_db.f())                                | OTHER_DATABASE_TABLE
            INSERT INTO t VALUES (1, 'a'), (2, `mysql`.`f` (2))                   | OTHER_DATABASE_TABLE
            SET @size = sys.format_bytes(1024)                                    | OTHER_DATABASE_TABLE
            CREATE TABLE t (a int DEFAULT (other.f()))                            | OTHER_DATABASE_TABLE
            DELETE FROM t WHERE t.a = 1                                           | DELETE
            /*!40000 DELETE FROM `t` */                                           | DELETE
            DELETE a, b FROM a JOIN b ON a.x = b.x                                | DELETE
            UPDATE t SET t.a = 1                                                  | UPDATE
            UPDATE LOW_PRIORITY a JOIN b ON a.x = b.x SET a.y = b.y               | UPDATE
            UPDATE a, b SET a.y = b.y                                             | UPDATE
            CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW UPDATE u SET n = n + 1 | UPDATE
            CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW DELETE FROM u       | DELETE
            CREATE PROCEDURE p() DELETE FROM t                                    | DELETE
            CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO UPDATE t SET a = 1          | UPDATE
            SET STATEMENT max_statement_time = 1 FOR UPDATE t SET a = 1           | UPDATE
            INSERT INTO t SELECT * FROM u                                         | INSERT_SELECT
            INSERT INTO t SELECT * FROM mysql.user                                | INSERT_SELECT
            INSERT IGNORE INTO t (a, b) SELECT a, b FROM u                        | INSERT_SELECT
            REPLACE INTO t SELECT * FROM u                                        | INSERT_SELECT
            INSERT INTO t TABLE u                                                 | INSERT_SELECT
            INSERT INTO t (SELECT * FROM u)                                       | INSERT_SELECT
            INSERT INTO t WITH c AS (SELECT 1) SELECT * FROM c                    | INSERT_SELECT
            INSERT INTO t VALUES (1, 'x') ON DUPLICATE KEY UPDATE t.b = 'y'       | ON_DUPLICATE_KEY_UPDATE
            INSERT INTO t (a) VALUES (1),(2) ON DUPLICATE KEY UPDATE a = VALUES(a) | ON_DUPLICATE_KEY_UPDATE
            INSERT INTO t SET a = 1 ON DUPLICATE KEY UPDATE a = 2                 | ON_DUPLICATE_KEY_UPDATE
            SELECT SLEEP(10)                                                      | SLEEP
            INSERT INTO t VALUES (1), (SLEEP(10))                                 | SLEEP
            SET @x = BENCHMARK(1000000, MD5('x'))                                 | SLEEP
            CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = SLEEP(1) | SLEEP
            DO SLEEP(10)                                                          | DO
            DO 1                                                                  | DO
            XA START 'x'                                                          | XA
            HANDLER t OPEN                                                        | HANDLER
            SET sql_mode = 'STRICT_ALL_TABLES'                                    | SESSION_SETTING
            SET time_zone = '+02:00'                                              | SESSION_SETTING
            SET @@foreign_key_checks = DEFAULT                                    | SESSION_SETTING
            SET SESSION autocommit = @@global.autocommit                          | SESSION_SETTING
            /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='ANSI_QUOTES' */      | ANSI_QUOTES
            /*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO,ANSI' */                 | ANSI_QUOTES
            SET sql_mode = 'postgresql', time_zone = '+02:00'                     | ANSI_QUOTES
            SET sql_mode = 'ANSI_QUOTES_X'                                        | SESSION_SETTING
            SET sql_mode = CONCAT('ANSI', '')                                     | SESSION_SETTING
            SET @a = 1, unique_checks = 0, time_zone = 'Europe/Paris'             | SESSION_SETTING
            SET STATEMENT foreign_key_checks = 0 FOR INSERT INTO t VALUES (1)     | SESSION_SETTING
            SET NAMES utf8, sql_mode = ''                                         | MIXED_SESSION_SETTING
            /*!40014 SET net_read_timeout = 10, FOREIGN_KEY_CHECKS = 0 */         | MIXED_SESSION_SETTING
            IF 1 THEN DROP DATABASE pod_other; END IF                             | COMPOUND_STATEMENT
            BEGIN NOT ATOMIC GRANT ALL ON *.* TO 'evil'@'%'; END                  | COMPOUND_STATEMENT
            CASE WHEN 1 THEN SELECT 1; END CASE                                   | COMPOUND_STATEMENT
            WHILE 1 DO SELECT 1; END WHILE                                        | COMPOUND_STATEMENT
            REPEAT SELECT 1; UNTIL 1 END REPEAT                                   | COMPOUND_STATEMENT
            LOOP SELECT 1; END LOOP                                               | COMPOUND_STATEMENT
            FOR i IN 1..3 DO SELECT 1; END FOR                                    | COMPOUND_STATEMENT
            outer_block: BEGIN NOT ATOMIC SELECT 1; END                           | COMPOUND_STATEMENT
            /*!50003 CREATE*/ /*!50003 TRIGGER t1 BEFORE INSERT ON x FOR EACH ROW BEGIN SET GLOBAL max_connections=1; END */ | SET_GLOBAL
            CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @@global.read_only = 1 | SET_GLOBAL
            CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1, @b = 2; KILL 5; END | KILL
            CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1, GLOBAL general_log = 1; END | SET_GLOBAL
            CREATE PROCEDURE p() BEGIN IF 1 THEN GRANT ALL ON *.* TO x; END IF; END | GRANT
            CREATE PROCEDURE p() SHUTDOWN                                         | SHUTDOWN
            CREATE PROCEDURE p() SQL SECURITY INVOKER FLUSH PRIVILEGES            | FLUSH
            CREATE PROCEDURE p() BEGIN WHILE 1 DO REVOKE ALL ON *.* FROM x; END WHILE; END | REVOKE
            CREATE PROCEDURE p() BEGIN DROP DATABASE pod; END                     | DROP_DATABASE
            CREATE PROCEDURE p() BEGIN CREATE USER x; END                         | CREATE_USER
            CREATE OR REPLACE PROCEDURE p() BEGIN LOAD DATA INFILE '/etc/passwd' INTO TABLE t; END | LOAD_DATA
            CREATE FUNCTION f() RETURNS INT DETERMINISTIC BEGIN SET PASSWORD = PASSWORD('x'); RETURN 1; END | ALTER_USER
            CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO RESET MASTER                | RESET
            CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN XA START 'x'; END      | XA
            SELECT 1; DROP DATABASE pod                                           | DROP_DATABASE
            CREATE FUNCTION sys_exec RETURNS INTEGER SONAME 'lib_mysqludf_sys.so' | INSTALL_PLUGIN
            CREATE TABLE z (a text) ENGINE=CONNECT TABLE_TYPE=DOS FILE_NAME='/etc/passwd' | FOREIGN_DATA
            CREATE TABLE f (a int) ENGINE = FEDERATED CONNECTION='mysql://u:p@h:3306/db/t' | FOREIGN_DATA
            ALTER TABLE t ENGINE = SPIDER                                         | FOREIGN_DATA
            CREATE TABLE s (a int) ENGINE CONNECT TABLE_TYPE=MYSQL                | FOREIGN_DATA
            CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (HOST 'h')         | FOREIGN_DATA
            DROP SERVER IF EXISTS s                                               | FOREIGN_DATA
            """)
    void refusesWhatReachesOutsideTheTargetOrChangesRowsOrTheSession(String sql, RefusalReason reason) throws IOException {
        assertThat(refusal(sql)).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "USE pod3", "use `POD`", "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `pod` /*!40100 DEFAULT CHARACTER SET utf8mb4 */",
            "INSERT INTO pod3.t VALUES (1)", "CREATE TABLE `pod3`.`t` (a int)",
            "SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT",
            "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */",
            "SET @global = 1, @persist = 2", "SET @@SESSION.sql_mode = ''", "SET SESSION time_zone = '+00:00'",
            "SET @x = @@global.max_allowed_packet",
            "INSERT INTO t VALUES ('DEFINER=`root`@`%`', 'INTO OUTFILE', 'mysql.user', 'DROP DATABASE x')",
            "CREATE VIEW v AS SELECT t.a, EXTRACT(YEAR FROM t.d) AS y, TRIM(LEADING 'x' FROM t.s) FROM t",
            "CREATE VIEW v AS SELECT a.x FROM t a JOIN t2 b ON a.x = b.x WHERE a.y LIKE b.z",
            "/*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 SQL SECURITY DEFINER */ /*!50001 VIEW `v` AS select 1 */",
            "CREATE TABLE t (id int, p int, FOREIGN KEY (p) REFERENCES parent (id) ON UPDATE CASCADE)",
            "SELECT COUNT(*) INTO n FROM video", "SELECT t.a FROM t WHERE t.a = 1", "INSERT INTO t SET t.a = 1",
            "INSERT INTO t VALUES (1, pod3.f(2), `pod3`.`g`(), 1.5, t.a)", "SELECT COUNT(DISTINCT t.a) FROM t",
            "CREATE TABLE t (id int, d timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)",
            "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (p) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE CASCADE",
            "INSERT INTO t (id, update_date, delete_flag, sleep_until) VALUES (1, '2024-01-01', 0, NULL)",
            "INSERT INTO t VALUES ('DELETE FROM t', 'SLEEP(10)', 'UPDATE t SET a = 1', 'ON DUPLICATE KEY UPDATE')",
            "INSERT INTO t VALUES (CONCAT('DELETE FROM t; ', 'SLEEP(1)'), \"BENCHMARK(1, 1)\")",
            "SELECT 'DELETE', 'SLEEP(10)' FROM t", "SELECT a FROM t WHERE id = 1 FOR UPDATE",
            "CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW SET NEW.a = 1",
            "CREATE TRIGGER tr AFTER DELETE ON t FOR EACH ROW INSERT INTO log (a) VALUES (OLD.a)",
            "SET FOREIGN_KEY_CHECKS=0", "SET @@session.unique_checks = OFF", "set autocommit=0",
            "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */", "SET SQL_MODE = \"NO_AUTO_VALUE_ON_ZERO\"",
            "SET @@sql_mode = '', @@time_zone = 'UTC', @OLD = 1",
            "ALTER TABLE t RENAME COLUMN a TO b", "LOCK TABLES `a` WRITE, `b` READ",
            "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = (SELECT MAX(x.b) FROM t2 x)",
            "START TRANSACTION", "CALL p()", "BEGIN", "BEGIN WORK",
            "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN IF NEW.a IS NULL THEN SET NEW.a = 1; END IF; END",
            "CREATE PROCEDURE count_videos(OUT n INT) BEGIN SELECT COUNT(*) INTO n FROM video; END",
            "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + 1",
            "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO INSERT INTO log VALUES (NOW())",
            "CREATE TABLE t (a int) ENGINE=InnoDB COMMENT 'ENGINE=CONNECT'",
            "SELECT CASE WHEN a THEN b ELSE c END FROM t", "INSERT INTO plugins (id, soname) VALUES (1, 'x')"})
    void letsTheTargetsOwnStatementsThrough(String sql) throws IOException {
        assertThat(refusal(sql)).isNull();
    }

    @Test
    void notesTheCharsetsAndCollationsTheStatementsName() throws IOException {
        refusal("/*!40101 SET NAMES utf8mb4 */");
        refusal("SET NAMES 'latin1' COLLATE 'latin1_swedish_ci'");
        refusal("SET character_set_client = utf8, collation_connection = utf8_general_ci");
        refusal("SET character_set_client = @saved_cs_client");
        refusal("CREATE TABLE t (a varchar(10) CHARACTER SET ascii COLLATE ascii_bin) ENGINE=InnoDB"
                + " DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci");
        assertThat(charsets).containsExactly("utf8mb4", "latin1", "utf8", "ascii", "utf8mb3");
        assertThat(collations).containsExactly("latin1_swedish_ci", "utf8_general_ci", "ascii_bin",
                "utf8mb3_unicode_ci");
    }

    /**
     * The refusal of one statement: one holding semicolons comes between DELIMITER lines, as a dump's, after a
     * statement that makes the script look like SQL to the reader.
     */
    private RefusalReason refusal(String sql) throws IOException {
        if (!sql.contains(";")) {
            return inspection.refusal(StatementReaderIT.read(sql + ";").get(0));
        }
        String script = "DELIMITER $$\nSET @first = 1$$\n" + sql + "$$\nDELIMITER ;\n";
        return inspection.refusal(StatementReaderIT.read(script).get(1));
    }
}
