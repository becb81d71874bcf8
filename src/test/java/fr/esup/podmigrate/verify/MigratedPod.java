package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.importing.PodImport;
import fr.esup.podmigrate.importing.PodImportAnalysis;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.v2.TableQueries;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A Pod 2.9.3 database migrated into a wiped blank v3 as the procedure does it: dumped with its options into
 * podv2.sql, imported. v2 holds a video titled with an emoji and, where the target is 3.8, lti course contexts whose
 * NULL contexts collide once v3's NOT NULL turns them into ''.
 */
public final class MigratedPod implements AutoCloseable {

    public static final long EMOJI_VIDEO = 1;
    public static final String EMOJI_TITLE = "Fête de la science \uD83C\uDF89";

    public final PodTestDatabase v2;
    public final PodTestDatabase v3;
    public final Path script;
    public final ImportResult result;

    private MigratedPod(PodTestDatabase v2, PodTestDatabase v3, Path script, ImportResult result) {
        this.v2 = v2;
        this.v3 = v3;
        this.script = script;
        this.result = result;
    }

    public static MigratedPod into(PodVersion target, Path dir) throws Exception {
        PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 20, 7);
        PodTestDatabase v3 = PodTestDatabase.blank(target);
        try (Connection c = v2.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0");
            s.executeUpdate("UPDATE video_video SET title = '" + EMOJI_TITLE + "' WHERE id = " + EMOJI_VIDEO);
            for (int id = 1; id <= 6; id++) {
                s.execute("INSERT INTO lti_provider_lticoursecontext VALUES (" + id + ", 1, " + id + ", "
                        + (id % 2 == 0 ? "NULL" : "'course-" + id + "'") + ")");
            }
        }
        try (Connection c = v3.connect(); Statement s = c.createStatement()) {
            s.execute("SET FOREIGN_KEY_CHECKS=0");
            for (String table : TableQueries.tables(TableQueries.on(c))) {
                if (!table.equals(PodMigrationRules.MIGRATIONS_TABLE)) {
                    s.execute("TRUNCATE TABLE " + Identifiers.quote(table));
                }
            }
        }
        Path script = dir.resolve("podv2.sql");
        try (Connection c = v2.connect()) {
            new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, script);
        }
        PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
        ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(2));
        return new MigratedPod(v2, v3, script, result);
    }

    /** The planted changes: one value changed, one truncated, one double-encoded, one row deleted, one added. */
    public void plantDifferences() throws SQLException {
        onV3("UPDATE video_video SET duration = duration + 7 WHERE id = 2",
                "UPDATE video_video SET title = LEFT(title, 3) WHERE id = 3",
                "UPDATE video_video SET title = '" + ValueKinds.doubleEncoded(EMOJI_TITLE) + "' WHERE id = " + EMOJI_VIDEO,
                "DELETE FROM video_type WHERE id = 1",
                "INSERT INTO video_discipline (id, title, slug, site_id) VALUES (9001, 'x', 'x-9001', 1)");
    }

    static DatabaseEndpoint endpoint(PodTestDatabase db) {
        TestServer server = TestServer.get();
        return new DatabaseEndpoint(server.jdbcUrl(db.name()), server.user(), server.password(), "test");
    }

    public void onV2(String... statements) throws SQLException {
        on(v2, statements);
    }

    public void onV3(String... statements) throws SQLException {
        on(v3, statements);
    }

    private static void on(PodTestDatabase db, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0");
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Override
    public void close() {
        try (v2; v3) {
            // both dropped
        }
    }
}
