package fr.esup.podmigrate.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a MariaDB/MySQL JDBC URL that the console shows: never its password. */
public record JdbcUrl(String host, int port, String database) {

    private static final Pattern FORM = Pattern.compile(
            "jdbc:(?:mariadb|mysql)://(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?(?:/([^?/;]*))?(?:\\?.*)?");

    /** {@code //user:password@host}: what follows the colon up to the last @ before the host's end. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?#:@\\s'\"]*:)[^/?#\\s'\"]*(@)");
    /** {@code password=...} as a URL parameter or a driver property, its name possibly URL-encoded ({@code password%3D}). */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile(
            "((?:^|[?&;(\\s,]|%26)(?:password|pwd|passwd)(?:=|%3[dD]))[^&;)\\s'\",]*", Pattern.CASE_INSENSITIVE);
    private static final String MASK = "***";

    public static JdbcUrl parse(String url, String setting) {
        Matcher m = FORM.matcher(url.strip());
        if (!m.matches()) {
            throw new InvalidSettingException(setting, "'" + mask(url.strip())
                    + "' is not a MariaDB JDBC URL; expected jdbc:mariadb://host:port/database");
        }
        int port = m.group(2) == null ? 3306 : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException(setting, "has port " + port + ", outside 1-65535");
        }
        String database = m.group(3) == null ? "" : m.group(3);
        if (database.isEmpty()) {
            throw new InvalidSettingException(setting, "'" + mask(url.strip()) + "' names no database; expected jdbc:mariadb://host:port/database");
        }
        return new JdbcUrl(m.group(1), port, database);
    }

    /**
     * The text with the password of every URL in it masked ({@code user:***@host}, {@code password=***}): the one way
     * a URL, or a driver's message quoting one, reaches a page, a log or an exception.
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1" + MASK + "$2");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
