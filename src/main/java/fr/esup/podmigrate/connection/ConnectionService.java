package fr.esup.podmigrate.connection;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import org.springframework.stereotype.Service;

import java.util.Optional;

/** Step 1: the run's databases and their tests; the test of the target is the step's outcome. */
@Service
class ConnectionService {

    private final Databases databases;
    private final ConnectionTester tester;
    private final RunStore runStore;

    ConnectionService(Databases databases, ConnectionTester tester, RunStore runStore) {
        this.databases = databases;
        this.tester = tester;
        this.runStore = runStore;
    }

    /** The database configured for {@code role}: the target always, the source when there is one. */
    Optional<DatabaseEndpoint> endpoint(DatabaseRole role) {
        return role == DatabaseRole.TARGET ? Optional.of(databases.target()) : databases.source();
    }

    /** Tests {@code endpoint}; for the target, records the step done when it is usable, failed otherwise. */
    ConnectionReport test(DatabaseEndpoint endpoint, DatabaseRole role, String operator) {
        ConnectionReport report = tester.test(endpoint, role);
        if (role == DatabaseRole.TARGET) {
            boolean usable = report.succeeded() && !report.looksSwapped();
            runStore.record(WizardStep.CONNECTIONS, usable ? StepStatus.DONE : StepStatus.FAILED, operator,
                    "tested the target database " + endpoint);
        }
        return report;
    }
}
