package fr.esup.podmigrate.connection;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.JdbcUrl;
import fr.esup.podmigrate.pod.DatabaseShape;
import org.springframework.stereotype.Service;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/** Connects to a database and says what it is, or precisely why it could not. */
@Service
class ConnectionTester {

    private static final int ER_ACCESS_DENIED = 1045;
    private static final int ER_BAD_DB = 1049;

    ConnectionReport test(DatabaseEndpoint endpoint, DatabaseRole role) {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement()) {
            String version;
            String charset;
            String collation;
            long maxAllowedPacket;
            try (ResultSet rs = s.executeQuery(
                    "SELECT VERSION(), @@character_set_database, @@collation_database, @@max_allowed_packet")) {
                rs.next();
                version = rs.getString(1);
                charset = rs.getString(2);
                collation = rs.getString(3);
                maxAllowedPacket = rs.getLong(4);
            }
            Set<String> tables = new TreeSet<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            Set<String> migratedApps = new TreeSet<>();
            if (tables.contains("django_migrations")) {
                try (ResultSet rs = s.executeQuery("SELECT DISTINCT app FROM django_migrations")) {
                    while (rs.next()) {
                        migratedApps.add(rs.getString(1));
                    }
                }
            }
            DatabaseShape shape = DatabaseShape.detect(tables, migratedApps);
            return new ConnectionReport(role, null, null, version, charset, collation, maxAllowedPacket,
                    tables.size(), shape.kind(), shape.v3Shape().orElse(null));
        } catch (SQLException e) {
            return ConnectionReport.failed(role, classify(e), JdbcUrl.mask(e.getMessage()));
        }
    }

    static ConnectionFailure classify(SQLException e) {
        if (e.getErrorCode() == ER_ACCESS_DENIED || "28000".equals(e.getSQLState())) {
            return ConnectionFailure.BAD_CREDENTIALS;
        }
        if (e.getErrorCode() == ER_BAD_DB) {
            return ConnectionFailure.UNKNOWN_DATABASE;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return ConnectionFailure.UNKNOWN_HOST;
            }
            if (cause instanceof ConnectException) {
                return ConnectionFailure.CONNECTION_REFUSED;
            }
            if (cause instanceof SocketTimeoutException) {
                return ConnectionFailure.TIMEOUT;
            }
        }
        return ConnectionFailure.OTHER;
    }
}
