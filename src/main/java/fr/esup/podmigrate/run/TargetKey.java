package fr.esup.podmigrate.run;

import fr.esup.podmigrate.config.DatabaseEndpoint;

/** The key jobs lock a database by: its server and name, whichever user the console logs in as. */
public final class TargetKey {

    private TargetKey() {
    }

    public static String of(DatabaseEndpoint endpoint) {
        return endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database();
    }
}
