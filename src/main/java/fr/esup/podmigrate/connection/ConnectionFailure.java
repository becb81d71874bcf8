package fr.esup.podmigrate.connection;

/** Why a connection test failed, as precisely as the driver lets us say. */
public enum ConnectionFailure {
    UNKNOWN_HOST, CONNECTION_REFUSED, TIMEOUT, BAD_CREDENTIALS, UNKNOWN_DATABASE, OTHER;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
