package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.sql.DumpOptions;
import fr.esup.podmigrate.sql.DumpWriter;
import fr.esup.podmigrate.sql.StatementKind;
import org.springframework.stereotype.Component;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes a backup: the database's fingerprint, a full dump (every base table, structure and data, gzip) hashed
 * while it is written, the fingerprint again, then the file read back through the statement reader. The backup
 * is verified only if the database did not change meanwhile and the file holds every table with its row count.
 */
@Component
class BackupTaker {

    private final Backups backups;

    BackupTaker(Backups backups) {
        this.backups = backups;
    }

    /** Takes and verifies a backup; throws, the backup kept as not verified, when the verification fails. */
    Backup take(DatabaseEndpoint endpoint, String operator, Backup.Kind kind, JobContext context) throws Exception {
        Instant created = Instant.now();
        Path file = backups.newFile(endpoint.database(), created);
        DatabaseFingerprint before;
        DatabaseFingerprint after;
        String sha256;
        try (Connection connection = endpoint.connect()) {
            before = DatabaseFingerprint.read(connection);
            sha256 = dump(connection, file, context);
            after = DatabaseFingerprint.read(connection);
        }
        Backup backup = new Backup(file.getFileName().toString(), file, endpoint.host(), endpoint.port(),
                endpoint.database(), operator, kind, created, Files.size(file), sha256, before, false,
                Message.of("backup.verification.unfinished"));
        backups.save(backup);
        List<String> problems = new ArrayList<>();
        List<String> changed = before.differences(after);
        if (!changed.isEmpty()) {
            problems.add("the database changed while it was dumped (" + String.join(", ", changed) + ")");
        }
        try {
            problems.addAll(compareWithFile(before, file, context));
        } catch (Exception e) {
            backups.save(backup.withVerification(false, Message.of("backup.verification.unreadable",
                    String.valueOf(e.getMessage()))));
            throw e;
        }
        backup = problems.isEmpty()
                ? backup.withVerification(true, Message.of("backup.verification.readBack", before.tables().size(),
                        before.rows()))
                : backup.withVerification(false, Message.of("backup.verification.problems", String.join("; ", problems)));
        backups.save(backup);
        if (!backup.verified()) {
            throw new JobFailedException("backup.message.notVerified", backup.name(), String.join("; ", problems));
        }
        return backup;
    }

    /** Writes the dump and returns the SHA-256 of the file as written: no second read to hash it. */
    private static String dump(Connection connection, Path file, JobContext context)
            throws SQLException, IOException, NoSuchAlgorithmException {
        DumpOptions options = DumpOptions.builder()
                .structure(DumpOptions.Structure.DROP_AND_CREATE_TABLE)
                .gzip(true)
                .progress(p -> context.progress(new JobProgress(p.bytesWritten(), 0, p.rowsWritten(), 0)))
                .cancelled(context::cancelled)
                .build();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Path partial = Backups.partial(file);
        try {
            // Not Files.newOutputStream: its channel closes when the thread is interrupted, before the dump can stop cleanly.
            try (OutputStream out = new DigestOutputStream(new FileOutputStream(partial.toFile()), sha256)) {
                new DumpWriter(options).write(connection, out);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The differences between the database's row counts and the tables and rows the file holds. */
    private static List<String> compareWithFile(DatabaseFingerprint fingerprint, Path file, JobContext context)
            throws Exception {
        Map<String, Long> inFile = new TreeMap<>();
        ScriptPass.run(file, context, statement -> {
            if (statement.kind() == StatementKind.CREATE_TABLE) {
                inFile.putIfAbsent(statement.table(), 0L);
            } else if (statement.kind() == StatementKind.INSERT && statement.rowCount() > 0) {
                inFile.merge(statement.table(), (long) statement.rowCount(), Long::sum);
            }
        });
        List<String> problems = new ArrayList<>();
        fingerprint.tables().forEach((table, state) -> {
            Long rows = inFile.remove(table);
            if (rows == null) {
                problems.add("table " + table + " is missing from the file");
            } else if (rows != state.rows()) {
                problems.add("table " + table + " has " + rows + " rows in the file, " + state.rows() + " in the database");
            }
        });
        inFile.keySet().forEach(table -> problems.add("table " + table + " is in the file but not in the database"));
        return problems;
    }
}
