package fr.esup.podmigrate.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A MariaDB server given as a JDBC URL without a database, such as {@code PODMIGRATE_TEST_SERVER_URL}
 * ({@code jdbc:mariadb://127.0.0.1:3306/?user=root}): where it is and who logs in.
 */
public record ServerAddress(String host, int port, String user, String password) {

    public static ServerAddress parse(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Not a JDBC URL: " + JdbcUrl.mask(jdbcUrl));
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        return new ServerAddress(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(),
                parameter(query, "user", "root"), parameter(query, "password", ""));
    }

    /** The JDBC URL of one of its databases ({@code ""} for none), credentials left out. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database + "?sslMode=disable";
    }

    private static String parameter(String query, String key, String fallback) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(key)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
