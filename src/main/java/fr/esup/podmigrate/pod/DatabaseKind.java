package fr.esup.podmigrate.pod;

import java.util.Set;

/** What a database looks like, from its tables and the apps its {@code django_migrations} records. */
public enum DatabaseKind {
    POD_V3, POD_V2, EMPTY, OTHER;

    /** Apps that only Pod v3 has: {@code meeting} from 3.0, {@code video_encode_transcript} from 3.3. */
    private static final Set<String> V3_ONLY_APPS = Set.of("meeting", "video_encode_transcript");
    /** Tables that only Pod v3 has, for a database whose django_migrations was emptied. */
    private static final Set<String> V3_ONLY_TABLES = Set.of("meeting", "live_event_additional_owners",
            "video_encode_transcript_encodingvideo");
    /** v2's site links of channels and disciplines: v3 replaced them with a site_id column. */
    private static final Set<String> V2_ONLY_TABLES = Set.of("video_channel_sites", "video_discipline_sites");

    public static DatabaseKind detect(Set<String> tables, Set<String> migratedApps) {
        if (tables.isEmpty()) {
            return EMPTY;
        }
        if (!tables.contains("video_video")) {
            return OTHER;
        }
        boolean v3 = migratedApps.stream().anyMatch(V3_ONLY_APPS::contains) || tables.stream().anyMatch(V3_ONLY_TABLES::contains);
        if (v3) {
            return POD_V3;
        }
        return tables.containsAll(V2_ONLY_TABLES) ? POD_V2 : OTHER;
    }
}
