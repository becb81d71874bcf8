package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.pod.ExcludedTable;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.sql.dump.DumpOptions;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The export options of the procedure for podv2.sql, as the operator may change them: every table but the
 * excluded ones, foreign key checks off (the dump's header), {@code CREATE TABLE IF NOT EXISTS}, {@code TRUNCATE}
 * before the inserts, {@code INSERT IGNORE}, complete inserts, no {@code USE} line.
 */
public record Podv2ScriptOptions(boolean excludeTables, DumpOptions.Structure structure, boolean truncate,
                                 DumpOptions.InsertMode insertMode, boolean gzip) {

    /**
     * Connections that read the v2 tables at once, in one snapshot; a table larger than a connection's share is read
     * in key ranges on several. Each keeps two threads busy: the server's, which reads the rows, and ours, which
     * writes them as SQL, each waiting on the other in turn. A server on this very machine shares its cores: on two,
     * three connections keep both busier (a 263 MB dump, 71 % of it encoding logs, took 1.14 s on three, 1.17 s on
     * four, 1.32 s on one, medians of 10 interleaved runs, our CPU 16 % higher on three; two took 1.23 s). Otherwise
     * two keep a small server busy without crowding it.
     */
    public static int connections(DatabaseEndpoint source) {
        return source.onThisMachine() && Runtime.getRuntime().availableProcessors() <= 2 ? 3 : 2;
    }

    public static final Podv2ScriptOptions PROCEDURE = new Podv2ScriptOptions(true,
            DumpOptions.Structure.CREATE_TABLE_IF_NOT_EXISTS, true, DumpOptions.InsertMode.INSERT_IGNORE, false);

    public static Set<String> excludedTables() {
        return PodMigrationRules.EXCLUDED_TABLES.stream().map(ExcludedTable::table).collect(Collectors.toUnmodifiableSet());
    }

    /** The dump writer's options, without progress or cancel. */
    public DumpOptions.Builder toDumpOptions() {
        return DumpOptions.builder()
                .excludeTables(excludeTables ? excludedTables() : Set.of())
                .structure(structure)
                .keepAutoIncrement(false)
                .truncateBeforeInsert(truncate)
                .insertMode(insertMode)
                .gzip(gzip);
    }
}
