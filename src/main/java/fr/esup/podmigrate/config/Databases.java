package fr.esup.podmigrate.config;

import java.util.Optional;

/**
 * The v3 target (required) and the v2 source (optional) the console works on; in demo mode,
 * databases on an embedded server built from the Pod fixtures.
 */
public record Databases(DatabaseEndpoint target, Optional<DatabaseEndpoint> source, boolean demo) {
}
