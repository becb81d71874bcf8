package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.run.Job;
import fr.esup.podmigrate.run.JobResults;
import fr.esup.podmigrate.run.SucceededJobs;
import fr.esup.podmigrate.run.TableQueries;
import fr.esup.podmigrate.run.V2Origin;
import fr.esup.podmigrate.run.WizardStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the rows of every table on both sides (v2 from the source database, else from the import's analysis of the
 * podv2.sql) and finds the v3 rows whose foreign keys point nowhere.
 */
@Service
class VerificationService {

    static final int ORPHAN_EXAMPLES = 5;

    private final Databases databases;
    private final SucceededJobs jobs;

    VerificationService(Databases databases, SucceededJobs jobs) {
        this.databases = databases;
        this.jobs = jobs;
    }

    Verification verify() throws SQLException {
        Job imported = jobs.newest(WizardStep.IMPORT).orElse(null);
        Optional<DatabaseEndpoint> source = databases.source();
        Map<String, Long> v2 = null;
        V2Origin origin = null;
        if (source.isPresent()) {
            v2 = counts(source.get());
            origin = new V2Origin(V2Origin.Kind.SOURCE, source.get().toString());
        } else if (imported != null) {
            v2 = JobResults.counts(imported, JobResults.SCRIPT_ROWS);
            origin = new V2Origin(V2Origin.Kind.SCRIPT, imported.result(JobResults.IMPORT_SCRIPT));
        }
        try (Connection connection = databases.target().connect()) {
            JdbcClient db = TableQueries.on(connection);
            Map<String, Long> v3 = TableQueries.rowCounts(db, TableQueries.tables(db));
            return new Verification(Instant.now(), databases.target().toString(), origin, imported,
                    jobs.newest(WizardStep.BACKUP).orElse(null),
                    RowCounts.compare(v2, v3, imported == null ? null : ImportCounts.of(imported)),
                    ForeignKeyOrphans.find(db, table -> true, ORPHAN_EXAMPLES));
        }
    }

    private static Map<String, Long> counts(DatabaseEndpoint endpoint) throws SQLException {
        try (Connection connection = endpoint.connect()) {
            JdbcClient db = TableQueries.on(connection);
            return TableQueries.rowCounts(db, TableQueries.tables(db));
        }
    }
}
