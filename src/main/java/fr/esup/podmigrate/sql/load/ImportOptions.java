package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.script.UnknownCollations;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What {@link Importer} does. Start from {@link #builder()}; the defaults give a plain, faithful import, as
 * {@code mariadb db < script} would do it, one connection.
 *
 * @param tableRenames               script table name → target table name, for CREATE, DROP, ALTER, TRUNCATE,
 *                                   INSERT, REPLACE and the tables foreign keys reference
 * @param excludedTables             script table names whose statements are skipped (their rows counted)
 * @param keepTargetStructure        never change the target's structure: CREATE TABLE, DROP TABLE, ALTER TABLE and
 *                                   other structure statements are skipped; rows of a table the target lacks
 *                                   ({@code targetTables}) are skipped and the table reported missing. A long run of a
 *                                   table's rows loads without its non-unique keys and foreign keys, which the import
 *                                   gives back once they are in, as they were (see {@code KeptTableKeys})
 * @param targetTables               the target's tables (target names) when the import starts; a plain CREATE TABLE
 *                                   of one of them is skipped even when the structure is not kept
 * @param columnListsFromCreateTable give an INSERT or REPLACE without a column list the columns of the script's last
 *                                   CREATE TABLE of its table, so values land by name, whatever the target's order
 * @param positionalColumns          script table name → the columns of its INSERTs and REPLACEs without a column list
 *                                   while the script has given no CREATE TABLE of it (a dump of data alone gives
 *                                   none), with {@code columnListsFromCreateTable}
 * @param emptiedFirst               target tables emptied as the import starts (not as it resumes): the script gives
 *                                   their rows without emptying them itself, and its rows are to be their whole
 *                                   content
 * @param insertRewrites             script table name → how its INSERTs and REPLACEs are changed
 * @param ignoreDuplicates           run every plain INSERT as INSERT IGNORE, as the migration procedure exports them:
 *                                   a row that collides with a unique key is dropped and counted, not its statement
 * @param allowedUseDatabases        databases a USE may name (besides the target), in any case; the USE is skipped
 * @param sourceDatabase             for a script of several databases, the one whose section is imported (in any
 *                                   case): its USE and CREATE DATABASE are skipped, and so is every statement the
 *                                   script runs in another database but the SETs of the session (before any USE, it
 *                                   runs in this one); null for a script of one database
 * @param errorPolicy                what a failing statement does to the import
 * @param maxErrors                  with {@link ErrorPolicy#CONTINUE}, the import stops once it has this many
 * @param parallelism                connections that load tables at the same time
 * @param checkpointFile             where the import keeps what is done, to resume; null for no checkpoint
 * @param resume                     skip what the checkpoint file says is done
 * @param progress                   told where the import stands, from the importing thread, every 100 ms or so
 * @param cancelled                  asked between statements; true stops the import cleanly
 * @param targetLock                 the target's lock, taken by the caller, which did more under it (a check, a
 *                                   restore's drops); null for the import to take it itself
 * @param literalStatementBytes      a run of one table's INSERTs of literal rows goes as LOAD DATA or with its values
 *                                   bound when its statements average at least this many bytes (see
 *                                   {@link #DEFAULT_LITERAL_STATEMENT_BYTES})
 * @param decompressInto             a folder where a compressed script is decompressed for the import, which then
 *                                   loads its long runs of rows side by side (see {@link DecompressedCopy}); null to
 *                                   read a compressed script as it streams
 * @param decompressedCopy           a copy of the script that the caller decompressed ahead ({@link
 *                                   Importer#decompress}) and deletes once the import is over: the import reads it
 *                                   instead of the script, whose checkpoint it keeps; null for none
 * @param unknownCollations          the target server's collations, for a copy that is only read (the verification's
 *                                   scratch database): a CREATE TABLE, ALTER TABLE or SET of the session that names
 *                                   one it lacks (MySQL 8's utf8mb4_0900_ai_ci) runs with a stand-in (see
 *                                   {@link UnknownCollations}); null to run them as written
 */
public record ImportOptions(
        Map<String, String> tableRenames,
        Set<String> excludedTables,
        boolean keepTargetStructure,
        Set<String> targetTables,
        boolean columnListsFromCreateTable,
        Map<String, List<String>> positionalColumns,
        Set<String> emptiedFirst,
        Map<String, InsertRewrite> insertRewrites,
        boolean ignoreDuplicates,
        Set<String> allowedUseDatabases,
        String sourceDatabase,
        ErrorPolicy errorPolicy,
        int maxErrors,
        int parallelism,
        Path checkpointFile,
        boolean resume,
        Consumer<ImportProgress> progress,
        BooleanSupplier cancelled,
        TargetLock targetLock,
        long literalStatementBytes,
        Path decompressInto,
        Path decompressedCopy,
        UnknownCollations unknownCollations) {

    public static final int DEFAULT_MAX_ERRORS = 100;
    /**
     * Each LOAD DATA commits what its connection did before it and takes two round trips, each bound statement a
     * prepared batch: short statements do not go one LOAD DATA each, but their rows together, a megabyte a LOAD DATA
     * (see {@link GatheredRows}). Measured one LOAD DATA a statement on the benchmark's dump written with statements of
     * 16 KiB: 30 % slower than INSERTs committed in groups; of 64 KiB: even; of 256 KiB and 1 MiB: 10 % faster; of one
     * row each: a table of 288,000 rows in 111 s as LOAD DATA, 25 s bound, 17 s as INSERTs. A group holds its tables'
     * locks until it commits, where a TRUNCATE of a table they refer to may wait: phpMyAdmin's statements of 50,000
     * bytes stay LOAD DATA or bound, as they were.
     */
    public static final long DEFAULT_LITERAL_STATEMENT_BYTES = 32 << 10;

    public ImportOptions {
        tableRenames = Map.copyOf(tableRenames);
        excludedTables = Set.copyOf(excludedTables);
        targetTables = Set.copyOf(targetTables);
        positionalColumns = Map.copyOf(positionalColumns);
        emptiedFirst = Set.copyOf(emptiedFirst);
        insertRewrites = Map.copyOf(insertRewrites);
        allowedUseDatabases = Set.copyOf(allowedUseDatabases);
        Objects.requireNonNull(errorPolicy, "errorPolicy");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        if (maxErrors < 1) {
            throw new IllegalArgumentException("maxErrors must be at least 1: " + maxErrors);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        if (resume && checkpointFile == null) {
            throw new IllegalArgumentException("resume needs a checkpoint file");
        }
        if (keepTargetStructure && targetTables.isEmpty()) {
            throw new IllegalArgumentException("keepTargetStructure needs the target's tables");
        }
        if (literalStatementBytes < 0) {
            throw new IllegalArgumentException("literalStatementBytes must not be negative: " + literalStatementBytes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .tableRenames(tableRenames)
                .excludedTables(excludedTables)
                .keepTargetStructure(keepTargetStructure)
                .targetTables(targetTables)
                .columnListsFromCreateTable(columnListsFromCreateTable)
                .positionalColumns(positionalColumns)
                .emptiedFirst(emptiedFirst)
                .insertRewrites(insertRewrites)
                .ignoreDuplicates(ignoreDuplicates)
                .allowedUseDatabases(allowedUseDatabases)
                .sourceDatabase(sourceDatabase)
                .errorPolicy(errorPolicy)
                .maxErrors(maxErrors)
                .parallelism(parallelism)
                .checkpointFile(checkpointFile)
                .resume(resume)
                .progress(progress)
                .cancelled(cancelled)
                .targetLock(targetLock)
                .literalStatementBytes(literalStatementBytes)
                .decompressInto(decompressInto)
                .decompressedCopy(decompressedCopy)
                .unknownCollations(unknownCollations);
    }

    /** The target's name of a script table. */
    String targetName(String scriptTable) {
        return tableRenames.getOrDefault(scriptTable, scriptTable);
    }

    /** How many errors end the import. */
    int errorLimit() {
        return errorPolicy == ErrorPolicy.STOP_AT_FIRST ? 1 : maxErrors;
    }

    public static final class Builder {
        private Map<String, String> tableRenames = Map.of();
        private Set<String> excludedTables = Set.of();
        private boolean keepTargetStructure;
        private Set<String> targetTables = Set.of();
        private boolean columnListsFromCreateTable = true;
        private Map<String, List<String>> positionalColumns = Map.of();
        private Set<String> emptiedFirst = Set.of();
        private Map<String, InsertRewrite> insertRewrites = Map.of();
        private boolean ignoreDuplicates;
        private Set<String> allowedUseDatabases = Set.of();
        private String sourceDatabase;
        private ErrorPolicy errorPolicy = ErrorPolicy.STOP_AT_FIRST;
        private int maxErrors = DEFAULT_MAX_ERRORS;
        private int parallelism = 1;
        private Path checkpointFile;
        private boolean resume;
        private Consumer<ImportProgress> progress = p -> { };
        private BooleanSupplier cancelled = () -> false;
        private TargetLock targetLock;
        private long literalStatementBytes = DEFAULT_LITERAL_STATEMENT_BYTES;
        private Path decompressInto;
        private Path decompressedCopy;
        private UnknownCollations unknownCollations;

        private Builder() {
        }

        public Builder tableRenames(Map<String, String> tableRenames) {
            this.tableRenames = Map.copyOf(tableRenames);
            return this;
        }

        public Builder excludedTables(Collection<String> tables) {
            this.excludedTables = Set.copyOf(tables);
            return this;
        }

        public Builder excludedTables(String... tables) {
            return excludedTables(List.of(tables));
        }

        public Builder keepTargetStructure(boolean keepTargetStructure) {
            this.keepTargetStructure = keepTargetStructure;
            return this;
        }

        public Builder targetTables(Collection<String> tables) {
            this.targetTables = Set.copyOf(tables);
            return this;
        }

        public Builder columnListsFromCreateTable(boolean columnListsFromCreateTable) {
            this.columnListsFromCreateTable = columnListsFromCreateTable;
            return this;
        }

        public Builder positionalColumns(Map<String, List<String>> positionalColumns) {
            this.positionalColumns = Map.copyOf(positionalColumns);
            return this;
        }

        public Builder emptiedFirst(Collection<String> tables) {
            this.emptiedFirst = Set.copyOf(tables);
            return this;
        }

        public Builder insertRewrites(Map<String, InsertRewrite> insertRewrites) {
            this.insertRewrites = Map.copyOf(insertRewrites);
            return this;
        }

        public Builder ignoreDuplicates(boolean ignoreDuplicates) {
            this.ignoreDuplicates = ignoreDuplicates;
            return this;
        }

        public Builder allowedUseDatabases(Collection<String> databases) {
            this.allowedUseDatabases = Set.copyOf(databases);
            return this;
        }

        public Builder allowedUseDatabases(String... databases) {
            return allowedUseDatabases(List.of(databases));
        }

        public Builder sourceDatabase(String sourceDatabase) {
            this.sourceDatabase = sourceDatabase;
            return this;
        }

        public Builder errorPolicy(ErrorPolicy errorPolicy) {
            this.errorPolicy = errorPolicy;
            return this;
        }

        public Builder maxErrors(int maxErrors) {
            this.maxErrors = maxErrors;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder checkpointFile(Path checkpointFile) {
            this.checkpointFile = checkpointFile;
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder progress(Consumer<ImportProgress> progress) {
            this.progress = progress;
            return this;
        }

        public Builder cancelled(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
            return this;
        }

        public Builder targetLock(TargetLock targetLock) {
            this.targetLock = targetLock;
            return this;
        }

        public Builder literalStatementBytes(long literalStatementBytes) {
            this.literalStatementBytes = literalStatementBytes;
            return this;
        }

        public Builder decompressInto(Path folder) {
            this.decompressInto = folder;
            return this;
        }

        public Builder decompressedCopy(Path copy) {
            this.decompressedCopy = copy;
            return this;
        }

        public Builder unknownCollations(UnknownCollations unknownCollations) {
            this.unknownCollations = unknownCollations;
            return this;
        }

        public ImportOptions build() {
            return new ImportOptions(tableRenames, excludedTables, keepTargetStructure, targetTables,
                    columnListsFromCreateTable, positionalColumns, emptiedFirst, insertRewrites, ignoreDuplicates,
                    allowedUseDatabases, sourceDatabase, errorPolicy, maxErrors, parallelism, checkpointFile, resume,
                    progress, cancelled, targetLock, literalStatementBytes, decompressInto,
                    decompressedCopy, unknownCollations);
        }
    }
}
