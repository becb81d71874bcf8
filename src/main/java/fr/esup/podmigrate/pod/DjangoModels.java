package fr.esup.podmigrate.pod;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Django model each table of a Pod database holds, as Django names it in {@code django_content_type}
 * ({@code app_label}, {@code model}): from the installed apps of Pod 2.9 to 3.8, the models whose table Pod or Django
 * names otherwise, and the tables of many-to-many links, which hold no model. Checked against the content types a
 * fresh {@code migrate} leaves in the schema fixtures.
 */
public final class DjangoModels {

    public static final String CONTENT_TYPE_TABLE = "django_content_type";

    /** A model as its content type names it. */
    public record Model(String appLabel, String model) {

        public String label() {
            return appLabel + "." + model;
        }
    }

    /** The labels of Pod's apps and of the libraries and Django apps it installs: a model's table starts with one. */
    static final List<String> APP_LABELS = List.of("admin", "ai_enhancement", "auth", "authentication", "authtoken",
            "bbb", "captcha", "chapter", "chunked_upload", "completion", "contenttypes", "cut", "dressing", "enrichment",
            "flatpages", "import_video", "live", "lti_provider", "main", "meeting", "playlist", "podfile", "quiz",
            "recorder", "sessions", "sites", "speaker", "tagging", "thumbnail", "video", "video_encode_transcript",
            "webpush");

    /** Models whose table is not {@code app_label + "_" + model} (Django's contrib {@code db_table}s, Pod's meeting). */
    static final Map<String, Model> TABLES_NAMED_OTHERWISE = Map.of(
            "django_admin_log", new Model("admin", "logentry"),
            CONTENT_TYPE_TABLE, new Model("contenttypes", "contenttype"),
            PodMigrationRules.FLATPAGE_TABLE, new Model("flatpages", "flatpage"),
            "django_session", new Model("sessions", "session"),
            PodMigrationRules.SITE_TABLE, new Model("sites", "site"),
            "meeting", new Model("meeting", "meeting"));

    /**
     * Tables that hold no model: Django's migration recorder (not an installed app's model) and the many-to-many
     * links of Pod 2.9.1 to 3.8.4 (Django creates their model on the fly, without a content type).
     */
    static final Set<String> TABLES_WITHOUT_MODEL = Set.of(PodMigrationRules.MIGRATIONS_TABLE,
            "auth_group_permissions", "auth_user_groups", "auth_user_user_permissions",
            "authentication_accessgroup_sites", "authentication_accessgroup_users", "authentication_groupsite_sites",
            "authentication_owner_accessgroups", "authentication_owner_sites", PodMigrationRules.FLATPAGE_SITES_TABLE,
            "dressing_dressing_allow_to_groups", "dressing_dressing_owners", "dressing_dressing_users",
            "dressing_dressing_videos", "enrichment_enrichmentgroup_groups", "live_broadcaster_manage_groups",
            "live_broadcaster_viewers", "live_building_sites", "live_event_additional_owners",
            "live_event_restrict_access_to_groups", "live_event_videos", "live_event_viewers", "main_block_sites",
            "main_linkfooter_sites", "meeting_additional_owners", "meeting_restrict_access_to_groups",
            "playlist_playlist_additional_owners", "podfile_userfolder_access_groups", "podfile_userfolder_users",
            "recorder_recorder_additional_users", "recorder_recorder_channel", "recorder_recorder_discipline",
            "recorder_recorder_restrict_access_to_groups", "recorder_recorder_sites", "recorder_recorder_theme",
            "video_category_video", "video_channel_add_channels_tab", "video_channel_allow_to_groups",
            "video_channel_owners", "video_channel_sites", "video_channel_users", "video_discipline_sites",
            "video_encode_transcript_videorendition_sites", "video_type_sites", "video_video_additional_owners",
            "video_video_channel", "video_video_discipline", "video_video_restrict_access_to_groups",
            "video_video_sites", "video_video_theme", "video_videorendition_sites", "video_videotodelete_video");

    private DjangoModels() {
    }

    /**
     * The model a table holds, or empty for a link table, the migration recorder or a table of an app Pod does not
     * install. A many-to-many link of a site's own app is not known: it is taken for a model.
     */
    public static Optional<Model> of(String table) {
        if (TABLES_WITHOUT_MODEL.contains(table)) {
            return Optional.empty();
        }
        if (TABLES_NAMED_OTHERWISE.containsKey(table)) {
            return Optional.of(TABLES_NAMED_OTHERWISE.get(table));
        }
        return APP_LABELS.stream()
                .filter(app -> table.startsWith(app + "_") && table.length() > app.length() + 1)
                .max(Comparator.comparingInt(String::length))
                .map(app -> new Model(app, table.substring(app.length() + 1)));
    }

    /**
     * The models of these tables that have no content type among {@code contentTypes}: Django's {@code post_migrate}
     * creates theirs and their permissions ({@code python manage.py migrate}, even with no migration to apply).
     */
    public static List<Model> withoutContentType(Collection<String> tables, Collection<Model> contentTypes) {
        Set<Model> known = Set.copyOf(contentTypes);
        return tables.stream().sorted()
                .map(DjangoModels::of)
                .flatMap(Optional::stream)
                .filter(model -> !known.contains(model))
                .toList();
    }
}
