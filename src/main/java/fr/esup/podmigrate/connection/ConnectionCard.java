package fr.esup.podmigrate.connection;

import fr.esup.podmigrate.config.DatabaseEndpoint;

/** A database as the connections page shows it: never its password. */
public record ConnectionCard(String role, DatabaseEndpoint endpoint) {

    public boolean configured() {
        return endpoint != null;
    }
}
