package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.load.ImportError;
import fr.esup.podmigrate.sql.load.ImportOptions;
import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.Importer;
import fr.esup.podmigrate.sql.load.TargetLock;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Puts a backup back: the database becomes exactly the backup again. The current state is kept first in a
 * safety backup unless a verified backup already holds it; tables the backup does not have are dropped; the
 * result is checked against the backup's fingerprint.
 */
@Component
class BackupRestorer {

    private static final int RESTORE_CONNECTIONS = 2;

    private final Backups backups;
    private final BackupTaker taker;
    /** Where a backup, gzipped, is decompressed for its restore (see {@link ImportOptions#decompressInto()}). */
    private final Path copies;

    BackupRestorer(Backups backups, BackupTaker taker, Workspace workspace) {
        this.backups = backups;
        this.taker = taker;
        this.copies = workspace.runs();
    }

    /** What a restore of {@code backup} would do to the database as it is now. */
    RestorePlan plan(DatabaseEndpoint endpoint, Backup backup) throws SQLException {
        TargetGuard guard = backups.guard(endpoint);
        List<String> dropped = guard.fingerprint().tables().keySet().stream()
                .filter(table -> !backup.fingerprint().tables().containsKey(table)).toList();
        return new RestorePlan(backup, dropped, guard.check());
    }

    /** Restores {@code backup} and returns the outcome; throws if the database does not end up equal to it. */
    Message restore(DatabaseEndpoint endpoint, Backup backup, String operator, JobContext context) throws Exception {
        checkHash(backup);
        // Another import, a command line's, must not run into the database while it is dropped and filled again.
        try (TargetLock lock = TargetLock.acquire(endpoint::connect, "console restore of " + backup.name())) {
            RestorePlan plan = plan(endpoint, backup);
            String safety = plan.current().matches() ? plan.current().backup().name()
                    : taker.take(endpoint, operator, Backup.Kind.BEFORE_RESTORE, context).name();
            context.result(new Restored(safety, null));
            DatabaseFingerprint restored;
            List<String> dropped = new ArrayList<>();
            try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                statement.execute("SET NAMES utf8mb4, foreign_key_checks = 0");
                for (String table : TableQueries.names(connection)) {
                    if (!backup.fingerprint().tables().containsKey(table)) {
                        statement.execute("DROP TABLE " + Identifiers.quote(table));
                        dropped.add(table);
                    }
                }
                execute(backup, endpoint, TableQueries.names(connection), context, lock);
                restored = DatabaseFingerprint.read(connection);
            }
            context.result(new Restored(safety, List.copyOf(dropped)));
            List<String> different = backup.fingerprint().differences(restored);
            if (!different.isEmpty()) {
                throw new JobFailedException("backup.message.restoreDiffers", backup.name(), String.join(", ", different),
                        safety);
            }
            return dropped.isEmpty()
                    ? Message.of("backup.message.restored", backup.name(), backup.tables(), backup.rows(), safety)
                    : Message.of("backup.message.restoredDropping", backup.name(), backup.tables(), backup.rows(),
                            safety, String.join(", ", dropped));
        }
    }

    /** Runs the backup's script as written: its DROP TABLE and CREATE TABLE put every table back as it was. */
    private void execute(Backup backup, DatabaseEndpoint endpoint, List<String> tables, JobContext context,
                         TargetLock lock) throws Exception {
        ImportResult result = new Importer(ImportOptions.builder()
                .targetTables(tables)
                .parallelism(RESTORE_CONNECTIONS)
                .progress(p -> context.progress(JobProgress.of(p)))
                .cancelled(context::cancelled)
                .targetLock(lock)
                .decompressInto(copies)
                .build()).run(backup.file(), endpoint::connect);
        if (result.cancelled()) {
            throw new JobFailedException("backup.message.restoreCancelled", backup.name());
        }
        if (!result.completed() || !result.errors().isEmpty()) {
            ImportError error = result.errors().get(0);
            throw new JobFailedException("backup.message.restoreStopped", backup.name(), error.line(), error.message());
        }
    }

    /** A damaged file would fail halfway, its tables already dropped: its hash is checked before anything is run. */
    private static void checkHash(Backup backup) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(backup.file()), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(backup.sha256())) {
            throw new IllegalStateException("Backup " + backup.name() + " is damaged: its SHA-256 is " + actual
                    + ", not " + backup.sha256() + " as when it was written. Nothing was changed.");
        }
    }
}
