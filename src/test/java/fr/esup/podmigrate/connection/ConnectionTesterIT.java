package fr.esup.podmigrate.connection;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.pod.DatabaseKind;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.pod.TargetShape;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** Connection tests against the real MariaDB server of the test run. */
class ConnectionTesterIT {

    private final TestServer server = TestServer.get();
    private final ConnectionTester tester = new ConnectionTester();
    private String database;

    @BeforeEach
    void createDatabase() {
        database = server.createDatabase("conn");
    }

    @AfterEach
    void dropDatabase() {
        server.dropDatabase(database);
    }

    @Test
    void reportsTheServersFiguresOfAnEmptyDatabase() {
        ConnectionReport report = tester.test(endpoint(database, server.password()), DatabaseRole.TARGET);
        assertThat(report.succeeded()).as(report.detail()).isTrue();
        assertThat(report.serverVersion()).contains("MariaDB");
        assertThat(report.charset()).isEqualTo("utf8mb4");
        assertThat(report.collation()).isEqualTo("utf8mb4_general_ci");
        assertThat(report.maxAllowedPacket()).isPositive();
        assertThat(report.tableCount()).isZero();
        assertThat(report.kind()).isEqualTo(DatabaseKind.EMPTY);
    }

    @Test
    void countsTablesOfSomethingElse() throws Exception {
        try (Connection c = server.connect(database)) {
            c.createStatement().execute("CREATE TABLE invoices (id INT PRIMARY KEY)");
            c.createStatement().execute("CREATE TABLE customers (id INT PRIMARY KEY)");
        }
        ConnectionReport report = tester.test(endpoint(database, server.password()), DatabaseRole.SOURCE);
        assertThat(report.tableCount()).isEqualTo(2);
        assertThat(report.kind()).isEqualTo(DatabaseKind.OTHER);
        assertThat(report.looksForeign()).isTrue();
    }

    @Test
    void wrongPasswordIsBadCredentials() {
        ConnectionReport report = tester.test(endpoint(database, server.password() + "-wrong"), DatabaseRole.TARGET);
        assertThat(report.failure()).isEqualTo(ConnectionFailure.BAD_CREDENTIALS);
        assertThat(report.detail()).contains("Access denied").doesNotContain("-wrong");
    }

    @Test
    void unknownDatabaseIsNamedAsSuch() {
        ConnectionReport report = tester.test(endpoint("pm_test_does_not_exist", server.password()), DatabaseRole.TARGET);
        assertThat(report.failure()).isEqualTo(ConnectionFailure.UNKNOWN_DATABASE);
    }

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DatabaseEndpoint closed = new DatabaseEndpoint("jdbc:mariadb://127.0.0.1:" + port + "/pod?sslMode=disable",
                server.user(), server.password(), "test");
        assertThat(tester.test(closed, DatabaseRole.TARGET).failure()).isEqualTo(ConnectionFailure.CONNECTION_REFUSED);
    }

    @Test
    void unresolvableHostIsUnknownHost() {
        DatabaseEndpoint nowhere = new DatabaseEndpoint("jdbc:mariadb://no-such-host.invalid:3306/pod",
                server.user(), server.password(), "test");
        assertThat(tester.test(nowhere, DatabaseRole.TARGET).failure()).isEqualTo(ConnectionFailure.UNKNOWN_HOST);
    }

    @Test
    void recognisesABlankPodV3AndASamplePodV2() throws Exception {
        try (PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_0_5);
             PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 5, 1)) {
            ConnectionReport target = tester.test(endpoint(v3.name(), server.password()), DatabaseRole.TARGET);
            assertThat(target.kind()).isEqualTo(DatabaseKind.POD_V3);
            assertThat(target.tableCount()).isEqualTo(111);
            assertThat(target.looksSwapped()).isFalse();
            assertThat(target.v3Shape()).isEqualTo(TargetShape.V3_0_TO_3_2);

            ConnectionReport source = tester.test(endpoint(v2.name(), server.password()), DatabaseRole.SOURCE);
            assertThat(source.kind()).isEqualTo(DatabaseKind.POD_V2);
            assertThat(source.looksSwapped()).isFalse();

            assertThat(tester.test(endpoint(v2.name(), server.password()), DatabaseRole.TARGET).looksSwapped())
                    .as("a v2 database given as the target").isTrue();
            assertThat(tester.test(endpoint(v3.name(), server.password()), DatabaseRole.SOURCE).looksSwapped())
                    .as("a v3 database given as the source").isTrue();
        }
    }

    private DatabaseEndpoint endpoint(String db, String password) {
        return new DatabaseEndpoint(server.jdbcUrl(db), server.user(), password, "test");
    }
}
