package fr.esup.podmigrate.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a MariaDB/MySQL JDBC URL that the console shows: never its password. */
public record JdbcUrl(String host, int port, String database) {

    private static final Pattern FORM = Pattern.compile(
            "jdbc:(?:mariadb|mysql)://(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?(?:/([^?/;]*))?(?:\\?.*)?");

    public static JdbcUrl parse(String url, String setting) {
        Matcher m = FORM.matcher(url.strip());
        if (!m.matches()) {
            throw new InvalidSettingException(setting, "'" + url.strip()
                    + "' is not a MariaDB JDBC URL; expected jdbc:mariadb://host:port/database");
        }
        int port = m.group(2) == null ? 3306 : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException(setting, "has port " + port + ", outside 1-65535");
        }
        String database = m.group(3) == null ? "" : m.group(3);
        if (database.isEmpty()) {
            throw new InvalidSettingException(setting, "'" + url.strip() + "' names no database; expected jdbc:mariadb://host:port/database");
        }
        return new JdbcUrl(m.group(1), port, database);
    }
}
