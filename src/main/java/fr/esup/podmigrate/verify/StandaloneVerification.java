package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The verification without the console (the command line's {@code verify}): the counts, the rows compared and the
 * foreign keys of the target against the source database, or against a podv2.sql loaded into the scratch database
 * beside the target. With no import job to read, a row a v3 key refused is explained by finding the v3 row it
 * collides with.
 */
public final class StandaloneVerification {

    private StandaloneVerification() {
    }

    /**
     * @param script         the podv2.sql, when there is no source database
     * @param copies         where a compressed podv2.sql is decompressed to be loaded (see {@link ScratchV2#load})
     * @param sourceDatabase for a script of several databases, the one imported; else null
     * @param differences    told of every row difference
     * @throws ScratchV2.Unavailable the target's account may not create the scratch database
     */
    public static Verification run(DatabaseEndpoint target, Optional<DatabaseEndpoint> source, Path script,
                                   String sourceDatabase, Path copies, Consumer<RowDifference> differences)
            throws SQLException, IOException, ScratchV2.Unavailable {
        ScratchV2 scratch = source.isPresent() ? null : ScratchV2.load(target, script, sourceDatabase, copies,
                () -> false);
        try (ScratchV2 dropped = scratch;
             Connection v2 = scratch == null ? source.get().connect() : scratch.connect();
             Connection v3 = target.connect()) {
            V2Origin origin = scratch == null ? new V2Origin(V2Origin.Kind.SOURCE, source.get().toString())
                    : new V2Origin(V2Origin.Kind.SCRIPT, script.toString());
            Map<String, Long> v2Counts = counts(v2);
            Map<String, Long> v3Counts = counts(v3);
            ContentReport content = new ContentComparison(v2, v3, ImportIssues.NONE, differences, () -> false)
                    .compare((done, total, rows) -> { });
            ForeignKeyOrphans.Check orphans = V2Orphans.counted(ForeignKeyOrphans.find(TableQueries.on(v3),
                    table -> true, VerificationService.ORPHAN_EXAMPLES), v2, v3Counts.keySet());
            List<TableComparison> tables = RowCounts.compare(v2Counts, v3Counts, null);
            return new Verification(Instant.now(), target.toString(), origin, null, null, tables, orphans, content, null);
        }
    }

    private static Map<String, Long> counts(Connection connection) throws SQLException {
        return TableQueries.rowCounts(TableQueries.on(connection), TableQueries.names(connection));
    }
}
