package fr.esup.podmigrate.connection;

/** Which side of the migration a database is. */
public enum DatabaseRole {
    TARGET, SOURCE;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static DatabaseRole fromKey(String key) {
        for (DatabaseRole role : values()) {
            if (role.key().equals(key)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown database role: " + key);
    }
}
