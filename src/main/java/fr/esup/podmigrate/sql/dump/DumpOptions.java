package fr.esup.podmigrate.sql.dump;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What {@link DumpWriter} writes. Start from {@link #builder()}; the defaults give what a plain
 * {@code mariadb-dump} gives: every base table, {@code DROP TABLE} + {@code CREATE TABLE}, plain
 * {@code INSERT}s of at most 1 MiB each, no {@code USE} line, one connection.
 *
 * @param includeTables       tables to dump; empty means every base table (views are never dumped)
 * @param excludeTables       tables left out, even when included
 * @param structure           which table definitions precede the data
 * @param keepAutoIncrement   whether {@code CREATE TABLE} keeps the table's {@code AUTO_INCREMENT=n} option
 * @param truncateBeforeInsert whether each table's data starts with {@code TRUNCATE TABLE}
 * @param insertMode          the verb of the data statements
 * @param maxStatementBytes   the size an extended {@code INSERT} stays under, unless its single row is larger;
 *                            keep it below the target's {@code max_allowed_packet}
 * @param gzip                whether the output is gzip-compressed (also when the target file's name ends with .gz)
 * @param tableRenames        source table name → name written in the output
 * @param useDatabase         the database of the {@code USE} line, or {@code null} for none
 * @param parallelism         the connections that read tables at once, when the dump may open connections; the output
 *                            is the same whatever their number
 * @param progress            told as each table starts, after each INSERT statement, and once done, on the
 *                            thread that called the dump
 * @param cancelled           asked between rows, also by the dump's own threads; when it answers true the dump stops
 */
public record DumpOptions(
        Set<String> includeTables,
        Set<String> excludeTables,
        Structure structure,
        boolean keepAutoIncrement,
        boolean truncateBeforeInsert,
        InsertMode insertMode,
        int maxStatementBytes,
        boolean gzip,
        Map<String, String> tableRenames,
        String useDatabase,
        int parallelism,
        Consumer<DumpProgress> progress,
        BooleanSupplier cancelled) {

    public static final int DEFAULT_MAX_STATEMENT_BYTES = 1024 * 1024;

    public enum Structure {
        NONE,
        CREATE_TABLE,
        DROP_AND_CREATE_TABLE,
        CREATE_TABLE_IF_NOT_EXISTS
    }

    public enum InsertMode {
        INSERT("INSERT INTO "),
        INSERT_IGNORE("INSERT IGNORE INTO "),
        REPLACE("REPLACE INTO ");

        final String sqlPrefix;

        InsertMode(String sqlPrefix) {
            this.sqlPrefix = sqlPrefix;
        }
    }

    public DumpOptions {
        includeTables = Set.copyOf(includeTables);
        excludeTables = Set.copyOf(excludeTables);
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(insertMode, "insertMode");
        if (maxStatementBytes <= 0) {
            throw new IllegalArgumentException("maxStatementBytes must be positive: " + maxStatementBytes);
        }
        tableRenames = Map.copyOf(tableRenames);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .includeTables(includeTables)
                .excludeTables(excludeTables)
                .structure(structure)
                .keepAutoIncrement(keepAutoIncrement)
                .truncateBeforeInsert(truncateBeforeInsert)
                .insertMode(insertMode)
                .maxStatementBytes(maxStatementBytes)
                .gzip(gzip)
                .tableRenames(tableRenames)
                .useDatabase(useDatabase)
                .parallelism(parallelism)
                .progress(progress)
                .cancelled(cancelled);
    }

    /** The name a source table has in the output. */
    String outputName(String sourceTable) {
        return tableRenames.getOrDefault(sourceTable, sourceTable);
    }

    public static final class Builder {
        private Set<String> includeTables = Set.of();
        private Set<String> excludeTables = Set.of();
        private Structure structure = Structure.DROP_AND_CREATE_TABLE;
        private boolean keepAutoIncrement = true;
        private boolean truncateBeforeInsert;
        private InsertMode insertMode = InsertMode.INSERT;
        private int maxStatementBytes = DEFAULT_MAX_STATEMENT_BYTES;
        private boolean gzip;
        private Map<String, String> tableRenames = Map.of();
        private String useDatabase;
        private int parallelism = 1;
        private Consumer<DumpProgress> progress = p -> { };
        private BooleanSupplier cancelled = () -> false;

        private Builder() {
        }

        public Builder includeTables(Collection<String> tables) {
            this.includeTables = Set.copyOf(tables);
            return this;
        }

        public Builder includeTables(String... tables) {
            return includeTables(List.of(tables));
        }

        public Builder excludeTables(Collection<String> tables) {
            this.excludeTables = Set.copyOf(tables);
            return this;
        }

        public Builder excludeTables(String... tables) {
            return excludeTables(List.of(tables));
        }

        public Builder structure(Structure structure) {
            this.structure = structure;
            return this;
        }

        public Builder keepAutoIncrement(boolean keepAutoIncrement) {
            this.keepAutoIncrement = keepAutoIncrement;
            return this;
        }

        public Builder truncateBeforeInsert(boolean truncateBeforeInsert) {
            this.truncateBeforeInsert = truncateBeforeInsert;
            return this;
        }

        public Builder insertMode(InsertMode insertMode) {
            this.insertMode = insertMode;
            return this;
        }

        public Builder maxStatementBytes(int maxStatementBytes) {
            this.maxStatementBytes = maxStatementBytes;
            return this;
        }

        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public Builder tableRenames(Map<String, String> tableRenames) {
            this.tableRenames = Map.copyOf(tableRenames);
            return this;
        }

        public Builder useDatabase(String useDatabase) {
            this.useDatabase = useDatabase;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder progress(Consumer<DumpProgress> progress) {
            this.progress = progress;
            return this;
        }

        public Builder cancelled(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
            return this;
        }

        public DumpOptions build() {
            return new DumpOptions(includeTables, excludeTables, structure, keepAutoIncrement, truncateBeforeInsert,
                    insertMode, maxStatementBytes, gzip, tableRenames, useDatabase, parallelism, progress, cancelled);
        }
    }
}
