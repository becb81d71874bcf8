package fr.esup.podmigrate.pod;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * What a database is, from its table names and the apps its {@code django_migrations} lists.
 *
 * @param kind       empty, Pod v2, Pod v3 or something else
 * @param v3Shape    for a Pod v3 database, the layout the v2 rows must be renamed into
 */
public record DatabaseShape(DatabaseKind kind, Optional<TargetShape> v3Shape) {

    private static final Set<String> POD_TABLES = Set.of("video_video", "authentication_owner");
    /** Tables no v2 has and every v3 since 3.0.0 has; a v3 that received a naive v2 import keeps them. */
    private static final Set<String> V3_TABLES = Set.of("meeting", "completion_enrichmodelqueue");
    private static final Set<String> V3_APPS = Set.of("meeting", TargetShape.ENCODE_TRANSCRIPT_APP);

    public static DatabaseShape detect(Collection<String> tables, Collection<String> migratedApps) {
        if (tables.isEmpty()) {
            return new DatabaseShape(DatabaseKind.EMPTY, Optional.empty());
        }
        if (!tables.containsAll(POD_TABLES)) {
            return new DatabaseShape(DatabaseKind.OTHER, Optional.empty());
        }
        boolean v3 = V3_TABLES.stream().anyMatch(tables::contains) || V3_APPS.stream().anyMatch(migratedApps::contains);
        return v3 ? new DatabaseShape(DatabaseKind.POD_V3, Optional.of(TargetShape.of(tables)))
                : new DatabaseShape(DatabaseKind.POD_V2, Optional.empty());
    }
}
