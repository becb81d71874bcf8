package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.sql.script.StatementKind;
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
public class BackupTaker {

    private final Backups backups;

    public BackupTaker(Backups backups) {
        this.backups = backups;
    }

    /** Takes and verifies a backup; throws, the backup kept as not verified, when the verification fails. */
    public Backup take(DatabaseEndpoint endpoint, String operator, Backup.Kind kind, JobContext context) throws Exception {
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
        FileProblems problems;
        try {
            problems = compareWithFile(before, file, context);
        } catch (Exception e) {
            backups.save(backup.withVerification(false, Message.of("backup.verification.unreadable",
                    String.valueOf(e.getMessage()))));
            throw e;
        }
        List<Object> found = problems.arguments(before.differences(after));
        backup = found.isEmpty()
                ? backup.withVerification(true, Message.of("backup.verification.readBack", before.tables().size(),
                        before.rows()))
                : backup.withVerification(false, Message.of("backup.verification.problems", found.toArray()));
        backups.save(backup);
        if (!backup.verified()) {
            List<Object> arguments = new ArrayList<>(List.of(backup.name()));
            arguments.addAll(found);
            throw new JobFailedException("backup.message.notVerified", arguments.toArray());
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
    private static FileProblems compareWithFile(DatabaseFingerprint fingerprint, Path file, JobContext context)
            throws Exception {
        Map<String, Long> inFile = new TreeMap<>();
        ScriptPass.run(file, context, statement -> {
            if (statement.kind() == StatementKind.CREATE_TABLE) {
                inFile.putIfAbsent(statement.table(), 0L);
            } else if (statement.kind() == StatementKind.INSERT && statement.rowCount() > 0) {
                inFile.merge(statement.table(), (long) statement.rowCount(), Long::sum);
            }
        });
        List<String> missing = new ArrayList<>();
        List<String> rowsDiffer = new ArrayList<>();
        fingerprint.tables().forEach((table, state) -> {
            Long rows = inFile.remove(table);
            if (rows == null) {
                missing.add(table);
            } else if (rows != state.rows()) {
                rowsDiffer.add(table + " " + rows + " ≠ " + state.rows());
            }
        });
        return new FileProblems(missing, rowsDiffer, List.copyOf(inFile.keySet()));
    }

    /**
     * What the file read back lacks or holds more than the database: tables missing from it, tables whose row count
     * differs ("table rowsInFile ≠ rowsInDatabase"), tables only in the file.
     */
    private record FileProblems(List<String> missing, List<String> rowsDiffer, List<String> onlyInFile) {

        /**
         * The arguments of the message {@code backup.verification.problems}: each kind's count then its tables, the
         * tables that changed while they were dumped first; empty when there is no problem.
         */
        List<Object> arguments(List<String> changed) {
            if (changed.isEmpty() && missing.isEmpty() && rowsDiffer.isEmpty() && onlyInFile.isEmpty()) {
                return List.of();
            }
            List<Object> arguments = new ArrayList<>();
            for (List<String> tables : List.of(changed, missing, rowsDiffer, onlyInFile)) {
                arguments.add(tables.size());
                arguments.add(String.join(", ", tables));
            }
            return arguments;
        }
    }
}
