package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ConnectionFactory;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer;
import fr.esup.podmigrate.sql.script.ScriptFormatException;
import fr.esup.podmigrate.sql.script.ScriptHead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports an SQL script into the database of the connections a factory opens, as {@code mariadb db < script}
 * would, only faster (several connections load tables side by side), safer and resumable.
 *
 * <p>A compressed script is first decompressed into {@link ImportOptions#decompressInto()}, when given and when the
 * disk has room (see {@link DecompressedCopy}), unless the caller did ({@link ImportOptions#decompressedCopy()}); the
 * import then reads the copy. First the whole script is read once
 * (see {@link ScriptAnalyzer}; an analysis of the same unchanged file for the same target, just made, stands for that
 * reading): a malformed script throws its
 * {@link ScriptFormatException}, and a script that reaches outside the target database (another database, users,
 * files, the server) throws {@link ScriptRefusedException}; either way nothing has been executed. Then the
 * statements run, rewritten as the {@link ImportOptions} say, on connections set to utf8mb4, UTC, no foreign key
 * checks (unique checks stay on: see {@link ImportWorker#openSession}) and {@code NO_AUTO_VALUE_ON_ZERO}, the
 * script's own session statements replayed on each. A statement that fails does not throw: it is in
 * {@link ImportResult#errors()}.
 *
 * <p>No count is taken on the server's word: the rows of every table are counted before and after, and
 * {@link ImportResult#countMismatches()} names each table whose count differs from the import's own account.
 *
 * <p>What is skipped rather than run: a USE of the target, of an allowed database or of the source database, every
 * statement of another database's section in a script of several ({@link ImportOptions#sourceDatabase()}), LOCK
 * and UNLOCK TABLES, transaction statements (START TRANSACTION, COMMIT...: every statement commits), a plain CREATE
 * TABLE of a table the target has, and with {@link ImportOptions#keepTargetStructure()} every structure change.
 *
 * <p>Before its first statement, every import gives back the keys that an import which stopped without doing so
 * held back from a table it kept (see {@link ImportOptions#keepTargetStructure()}), as the table's comment records.
 *
 * <p>With a checkpoint file the import notes which statements are done as it goes; an import stopped by a cancel, a
 * failure or a crash resumes from it ({@link ImportOptions#resume()}) without executing any statement twice. The
 * one window no client can close: a connection lost during the COMMIT of a statement, before the server answers.
 */
public final class Importer {

    private final ImportOptions options;

    public Importer(ImportOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Pre-scan (refusal), then executes. Throws ScriptRefusedException before executing anything when the script
     * reaches outside the target database.
     *
     * @throws ScriptFormatException  the script cannot be read as SQL (nothing executed)
     * @throws ScriptRefusedException the script reaches outside the target database (nothing executed)
     * @throws IOException            the script or the checkpoint cannot be read or written; or, on resume, the
     *                                checkpoint belongs to another script
     * @throws SQLException           a connection cannot be opened or set up
     * @throws TargetLockedException  another import holds the target's {@link TargetLock} (nothing touched, not even
     *                                the checkpoint file)
     */
    public ImportResult run(Path script, ConnectionFactory target)
            throws ScriptRefusedException, IOException, SQLException, TargetLockedException {
        if (options.targetLock() != null) {
            return runLocked(script, target);
        }
        try (TargetLock lock = TargetLock.acquire(target, "import")) {
            return runLocked(script, target);
        }
    }

    private ImportResult runLocked(Path script, ConnectionFactory target)
            throws ScriptRefusedException, IOException, SQLException {
        long started = System.nanoTime();
        // a checkpoint of another script is refused before minutes go to decompressing this one
        Checkpoint previous = previousCheckpoint(script);
        Path made = options.decompressedCopy() != null || options.decompressInto() == null ? null
                : new DecompressedCopy().make(script, options.decompressInto(), options.progress(),
                        options.cancelled());
        Path readable = options.decompressedCopy() != null ? options.decompressedCopy() : made != null ? made : script;
        try {
            return runLocked(script, readable, previous, target, started);
        } finally {
            if (made != null) {
                DecompressedCopy.delete(made);
            }
        }
    }

    /**
     * Decompresses a compressed script into {@code folder} ahead of its import, for {@link
     * ImportOptions#decompressedCopy()} (see {@link DecompressedCopy}).
     *
     * @return the copy, which the caller gives to {@link #deleteDecompressed} once the import is over; null when the
     *         script is plain, when the folder cannot be written, when the disk has no room for the copy or when the
     *         file does not decompress to an SQL script
     */
    public static Path decompress(Path script, Path folder) throws IOException {
        return new DecompressedCopy().make(script, folder, progress -> { }, () -> false);
    }

    /** Deletes a copy {@link #decompress} made. */
    public static void deleteDecompressed(Path copy) {
        DecompressedCopy.delete(copy);
    }

    /**
     * @param script   the script the checkpoint is of
     * @param readable what is read of it: the script itself, or its decompressed copy
     */
    private ImportResult runLocked(Path script, Path readable, Checkpoint previous, ConnectionFactory target,
                                   long started) throws ScriptRefusedException, IOException, SQLException {
        Connection first = ImportWorker.openSession(target);
        try {
            String database = currentDatabase(first);
            ScriptAnalyzer.Scan scan = ScriptAnalyzer.scanForImport(readable, database, allowedUse(database),
                    options.sourceDatabase(), options.progress(), true);
            ScriptAnalysis analysis = scan.analysis();
            if (analysis.formatError() != null) {
                throw analysis.formatError();
            }
            if (analysis.refusedCount() > 0) {
                throw new ScriptRefusedException(analysis.refused(), analysis.refusedCount());
            }
            // an import that stopped without giving back the keys of a table it kept: the table says which
            KeptTableKeys.giveAllBack(first);
            ImportLedger ledger = new ImportLedger(Files.size(script), ScriptHead.hash(script), previous);
            Map<String, Long> rowsAtStart = ServerCounts.all(first);
            ledger.rowsAtStart(rowsAtStart);
            if (previous == null) {
                emptyFirst(first, rowsAtStart, ledger);
            }
            first.commit();
            ImportRun run = new ImportRun(options, readable, scan, ledger, emptyTables(first, rowsAtStart));
            Connection handedOver = first;
            first = null;
            return run.execute(handedOver, target, started);
        } finally {
            if (first != null) {
                first.close();
            }
        }
    }

    /**
     * The tables that hold no row, where nothing in the target writes a table when another is written (trigger, view,
     * function, a table stored elsewhere): their TRUNCATE, until something is written to them, is spared. A TRUNCATE
     * locks every table whose foreign keys point at its own, and waits for the loads there.
     */
    private static Set<String> emptyTables(Connection connection, Map<String, Long> rowsAtStart) throws SQLException {
        if (!ServerCounts.writesStayInTheirTables(connection)) {
            return Set.of();
        }
        Set<String> empty = new HashSet<>();
        rowsAtStart.forEach((table, rows) -> {
            if (rows == 0) {
                empty.add(table);
            }
        });
        return empty;
    }

    /** Empties the tables the options name that hold rows, before any statement of the script. */
    private void emptyFirst(Connection connection, Map<String, Long> rowsAtStart, ImportLedger ledger)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : options.emptiedFirst()) {
                if (rowsAtStart.getOrDefault(table, 0L) > 0) {
                    statement.execute("TRUNCATE TABLE " + Identifiers.quote(table));
                    ledger.emptiedFirst(table);
                }
            }
        }
    }

    /**
     * The tables of the connection's database that lack keys an import held back while it loaded their rows, and
     * which it stopped before giving back (see {@link ImportOptions#keepTargetStructure()}): the next import gives them
     * back before its first statement.
     */
    public static List<String> tablesWithKeysHeldBack(Connection connection) throws SQLException {
        return KeptTableKeys.heldTables(connection);
    }

    /**
     * Reads the script as {@link #run} into {@code targetDatabase} does first, ahead of it and touching no database:
     * a run that follows takes this reading when the file is still as it was.
     */
    public void readAhead(Path script, String targetDatabase) throws IOException {
        ScriptAnalyzer.scanForImport(script, targetDatabase, allowedUse(targetDatabase), options.sourceDatabase(),
                options.progress(), false);
    }

    private Set<String> allowedUse(String database) {
        Set<String> allowedUse = new LinkedHashSet<>(options.allowedUseDatabases());
        allowedUse.add(database);
        if (options.sourceDatabase() != null) {
            allowedUse.add(options.sourceDatabase());
        }
        return allowedUse;
    }

    private Checkpoint previousCheckpoint(Path script) throws IOException {
        if (!options.resume()) {
            return null;
        }
        Checkpoint previous = Checkpoint.read(options.checkpointFile()).orElse(null);
        if (previous != null && !previous.matches(script)) {
            throw new IOException("The checkpoint " + options.checkpointFile() + " was made by the import of another"
                    + " script: it cannot resume the import of " + script.getFileName());
        }
        return previous;
    }

    /** The database the connection works in; a target connection must have one. */
    static String currentDatabase(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT DATABASE()")) {
            String database = result.next() ? result.getString(1) : null;
            if (database == null) {
                throw new SQLException("The target connection has no database selected");
            }
            return database;
        }
    }
}
