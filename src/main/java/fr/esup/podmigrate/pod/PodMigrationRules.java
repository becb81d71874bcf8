package fr.esup.podmigrate.pod;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static fr.esup.podmigrate.pod.TableWithoutHome.Fate.BECOMES_COLUMN;
import static fr.esup.podmigrate.pod.TableWithoutHome.Fate.DROPPED;

/**
 * What changed in Esup-Pod's database between v2 (2.9.x) and v3, as data: the one place the analysis, the
 * importer, the site fixes and the verification read. Facts from the Pod repository at its release tags,
 * checked against the schema fixtures by {@code PodMigrationRulesIT}.
 */
public final class PodMigrationRules {

    /** The site a fresh Pod creates and Django's {@code SITE_ID} names. */
    public static final int DEFAULT_SITE_ID = 1;

    public static final String MIGRATIONS_TABLE = "django_migrations";
    /**
     * The tables a fresh Pod install fills before anyone uses it: Django's migrations, content types and permissions
     * ({@code migrate}), and what {@code make createDB} loads from Pod's fixtures (pod/main/fixtures: the site,
     * pages, footer links, configuration, blocks). A target whose rows are all in these holds no site's data.
     */
    public static final Set<String> INSTALL_TABLES = Set.of(MIGRATIONS_TABLE, "django_content_type", "auth_permission",
            "django_site", "django_flatpage", "django_flatpage_sites", "main_linkfooter", "main_linkfooter_sites",
            "main_configuration", "main_block", "main_block_sites");
    public static final String SITE_TABLE = "django_site";
    /** Django's automatic primary key, which every Pod table has and every link table's row columns point to. */
    public static final String ID_COLUMN = "id";
    /** Django's name for a row's site: the v3 foreign key SITE_LINKS fill, and the site side of every sites link table. */
    public static final String SITE_COLUMN = "site_id";
    /** Django's static pages and their sites link: Pod's set_default_site leaves them alone, the operator checks them. */
    public static final String FLATPAGE_TABLE = "django_flatpage";
    public static final String FLATPAGE_SITES_TABLE = "django_flatpage_sites";

    /** From 3.3.0 the encoding models live in the {@code video_encode_transcript} app; 3.0 to 3.2 keep v2's names. */
    public static final List<TableRename> RENAMES = Stream.concat(
            Stream.of("encodingvideo", "encodingaudio", "encodinglog", "encodingstep", "playlistvideo",
                            "videorendition", "videorendition_sites")
                    .map(model -> new TableRename("video_" + model, TargetShape.ENCODE_TRANSCRIPT_APP + "_" + model,
                            EnumSet.of(TargetShape.V3_3_PLUS))),
            // The bbb app renamed its model in 3.0.0 and left Pod in 3.8.2: the rename applies while the target has it.
            // Pod 3.4's own upgrade turns each playlist element into a playlist content (pod/playlist/apps.py).
            Stream.of(new TableRename("bbb_meeting", "bbb_bbb_meeting", EnumSet.allOf(TargetShape.class)),
                    new TableRename("playlist_playlistelement", "playlist_playlistcontent", EnumSet.allOf(TargetShape.class))))
            .toList();

    public static final List<ExcludedTable> EXCLUDED_TABLES = List.of(
            new ExcludedTable(MIGRATIONS_TABLE, ExcludedTable.Reason.TARGET_KEEPS_ITS_ROWS),
            new ExcludedTable("live_broadcaster", ExcludedTable.Reason.RECREATED_BY_HAND));

    public static final List<DroppedColumn> DROPPED_COLUMNS = Stream.of(
            // v2's LANGUAGES included Dutch; v3's are fr and en.
            Stream.of("django_flatpage.title_nl", "django_flatpage.content_nl", "main_configuration.description_nl",
                            "main_linkfooter.title_nl", "video_channel.title_nl", "video_channel.description_nl",
                            "video_discipline.title_nl", "video_discipline.description_nl", "video_theme.title_nl",
                            "video_theme.description_nl", "video_type.title_nl", "video_type.description_nl",
                            "video_video.title_nl", "video_video.description_nl")
                    .map(column -> dropped(column, "3.0.0", "")),
            Stream.of(
                    dropped("live_broadcaster.iframe_url", "2.9.3", "live_event.iframe_url"),
                    dropped("live_broadcaster.iframe_height", "2.9.3", "live_event.iframe_height"),
                    dropped("live_broadcaster.aside_iframe_url", "2.9.3", "live_event.aside_iframe_url"),
                    dropped("live_broadcaster.password", "2.9.3", "live_event.password"),
                    dropped("live_event.start_time", "3.0.0", "live_event.start_date"),
                    dropped("live_event.end_time", "3.0.0", "live_event.end_date"),
                    dropped("live_broadcaster.video_on_hold_id", "3.1.0", "live_event.video_on_hold_id"),
                    dropped("live_broadcaster.viewcount", "3.1.0", ""),
                    dropped("live_heartbeat.broadcaster_id", "3.1.0", "live_heartbeat.event_id"),
                    dropped("playlist_playlist.title", "3.4.0", "playlist_playlist.name"),
                    dropped("playlist_playlist.visible", "3.4.0", "playlist_playlist.visibility"),
                    dropped("playlist_playlistelement.position", "3.4.0", "playlist_playlistcontent.rank")))
            .flatMap(s -> s).toList();

    private static final String MODEL_DEFAULT = "the model's default";
    private static final String MIGRATION_TIME = "the upgrade's time, as Django's migration gives";
    private static final String FIX_TRANSCRIPT =
            "a flag in v2, a language code from 3.2.0 (when the target's column is a varchar): Pod's fix_transcript";

    /** v3 columns that are NOT NULL without a database default and that v2 rows do not carry. Target table names. */
    public static final List<V3ColumnValue> NEW_NOT_NULL_COLUMNS = List.of(
            constant("authentication_accessgroup.auto_sync", "0", MODEL_DEFAULT),
            constant("completion_document.private", "0", MODEL_DEFAULT),
            constant("completion_track.enrich_ready", "0", MODEL_DEFAULT),
            constant("live_broadcaster.enable_add_event", "0", MODEL_DEFAULT),
            constant("live_broadcaster.main_lang", "'fr'", "the model's default, the site's LANGUAGE_CODE (Pod's is fr)"),
            constant("live_broadcaster.piloting_conf", "''", MODEL_DEFAULT),
            constant("live_event.enable_transcription", "0", MODEL_DEFAULT),
            constant("live_event.is_recording_stopped", "0", MODEL_DEFAULT),
            constant("live_event.max_viewers", "0", MODEL_DEFAULT),
            derived("live_event.end_date", "TIMESTAMP(start_date, end_time)",
                    "Pod 3.0's own upgrade combines the v2 date and end time, in the site's TIME_ZONE (stored as UTC)",
                    "start_date", "end_time"),
            derived("playlist_playlist.name", "title", "Pod 3.4's own upgrade renames title to name", "title"),
            derived("playlist_playlist.visibility", "IF(visible, 'public', 'private')",
                    "Pod 3.4's own upgrade maps visible to public, hidden to private", "visible"),
            constant("playlist_playlist.autoplay", "1", "Pod 3.4's own upgrade sets it"),
            constant("playlist_playlist.editable", "1", "Pod 3.4's own upgrade sets it"),
            constant("playlist_playlist.promoted", "0", MODEL_DEFAULT),
            constant("playlist_playlist.password", "''", MODEL_DEFAULT),
            constant("playlist_playlist.date_created", "CURRENT_TIMESTAMP(6)", MIGRATION_TIME),
            constant("playlist_playlist.date_updated", "CURRENT_TIMESTAMP(6)", MIGRATION_TIME),
            constant("playlist_playlist.site_id", String.valueOf(DEFAULT_SITE_ID), MODEL_DEFAULT + " (SITE_ID)"),
            derived("playlist_playlistcontent.rank", "position", "Pod 3.4's own upgrade ranks a playlist's videos by their v2 position",
                    "position"),
            constant("playlist_playlistcontent.date_added", "CURRENT_TIMESTAMP(6)", MIGRATION_TIME),
            constant("recorder_recorder.credentials_login", "''", MODEL_DEFAULT),
            constant("recorder_recorder.credentials_password", "''", MODEL_DEFAULT),
            constant("recorder_recorder.publication_auto", "0", MODEL_DEFAULT),
            constant("video_channel.site_id", String.valueOf(DEFAULT_SITE_ID),
                    "the site of its video_channel_sites row (SITE_LINKS); the default site when it has none"),
            constant("video_discipline.site_id", String.valueOf(DEFAULT_SITE_ID),
                    "the site of its video_discipline_sites row (SITE_LINKS); the default site when it has none"),
            constant("video_videorendition.encoding_resolution_threshold", "0", MODEL_DEFAULT + " (Pod 3.1 and 3.2)"),
            constant("video_encode_transcript_videorendition.encoding_resolution_threshold", "0", MODEL_DEFAULT));

    /**
     * Flags in v2, language codes from 3.2.0. On a target whose column is a varchar, a v2 row lands as {@link
     * #TRANSCRIPT_FLAGS}; Pod's post-migrate {@code fix_transcript} turns them into the expression's value.
     */
    public static final List<V3ColumnValue> TRANSCRIPT_COLUMNS = List.of(
            derived("video_video.transcript", "IF(transcript, main_lang, '')", FIX_TRANSCRIPT, "transcript", "main_lang"),
            derived("recorder_recorder.transcript", "IF(transcript, main_lang, '')", FIX_TRANSCRIPT,
                    "transcript", "main_lang"));

    /** The values a v2 transcript flag takes in a 3.2+ varchar column: false, true. */
    public static final List<String> TRANSCRIPT_FLAGS = List.of("0", "1");

    /** Columns both versions have whose v2 values do not fit v3's column as they are. */
    public static final List<V3ColumnValue> CONVERTED_COLUMNS = Stream.concat(Stream.of(
            derived("live_event.start_date", "TIMESTAMP(start_date, start_time)",
                    "a date in 2.9.3, a datetime from 3.0.0: Pod's own upgrade adds the start time (site's TIME_ZONE)",
                    "start_date", "start_time"),
            notNullFrom("live_broadcaster.piloting_conf", "''", "3.1.0"),
            notNullFrom("playlist_playlist.description", "''", "3.4.0")),
            TRANSCRIPT_COLUMNS.stream()).toList();

    /**
     * modeltranslation's default language: {@code MODELTRANSLATION_DEFAULT_LANGUAGE}, which Pod does not set, else the
     * first of {@code LANGUAGES}, which is fr in Pod 2.9 to 3.8 (as is LANGUAGE_CODE).
     */
    public static final String DEFAULT_LANGUAGE = "fr";

    /** Fields Pod v3 translates that v2 did not: the v2 tables lack their language columns. */
    public static final List<TranslatedField> FIELDS_TRANSLATED_IN_V3 = List.of(
            new TranslatedField("main_additionalchanneltab", "name", "3.6.0"));

    /**
     * The default language's column of each field v3 translates, filled from the field as Pod's
     * {@code update_translation_fields} would (where the target has the column and the script does not fill it).
     */
    public static final List<V3ColumnValue> TRANSLATION_COLUMNS = FIELDS_TRANSLATED_IN_V3.stream()
            .map(f -> value(f.table() + "." + f.defaultLanguageColumn(), f.field(), "Pod " + f.translatedIn()
                    + " translates it: update_translation_fields copies it into the default language's column ("
                    + DEFAULT_LANGUAGE + ")", false, f.field()))
            .toList();

    /** Link tables whose many-to-many field goes through another table at 2.9.1, 2.9.3, 3.0.5 and 3.8.4. */
    public static final List<UnreadTable> UNREAD_TABLES = List.of(
            new UnreadTable("authentication_accessgroup_users", "AccessGroup.users", "authentication_owner_accessgroups"));

    /** Caches and short-lived state, left out of the import unless the operator includes them. */
    public static final List<EphemeralTable> EPHEMERAL_TABLES = List.of(
            new EphemeralTable("django_session", EphemeralTable.Reason.SESSIONS, "", ""),
            new EphemeralTable("captcha_captchastore", EphemeralTable.Reason.CAPTCHAS, "", ""),
            new EphemeralTable("thumbnail_kvstore", EphemeralTable.Reason.THUMBNAIL_CACHE, "", ""),
            // v2's heartbeats and viewer lists point at broadcasters, which the procedure re-creates by hand; from
            // 3.1.0 a heartbeat points at an event, which v2's rows cannot name.
            new EphemeralTable("live_heartbeat", EphemeralTable.Reason.LIVE_VIEWERS, "broadcaster_id", "live_broadcaster"),
            new EphemeralTable("live_broadcaster_viewers", EphemeralTable.Reason.LIVE_VIEWERS, "broadcaster_id",
                    "live_broadcaster"));

    private static final List<TableWithoutHome> TABLES_WITHOUT_HOME = List.of(
            new TableWithoutHome("video_channel_sites", "3.0.0", BECOMES_COLUMN, "video_channel.site_id"),
            new TableWithoutHome("video_discipline_sites", "3.0.0", BECOMES_COLUMN, "video_discipline.site_id"),
            // lti_provider left Pod in 3.0.0 and came back in 3.1.0.
            new TableWithoutHome("lti_provider_lticoursecontext", "3.0.0", DROPPED, ""),
            new TableWithoutHome("live_broadcaster_viewers", "3.1.0", DROPPED, ""),
            new TableWithoutHome("bbb_meeting", "3.8.2", DROPPED, ""),
            new TableWithoutHome("bbb_attendee", "3.8.2", DROPPED, ""),
            new TableWithoutHome("bbb_livestream", "3.8.2", DROPPED, ""));

    public static final List<SiteLink> SITE_LINKS = List.of(
            new SiteLink("video_channel", SITE_COLUMN, "video_channel_sites", "channel_id"),
            new SiteLink("video_discipline", SITE_COLUMN, "video_discipline_sites", "discipline_id"));

    public static final List<DefaultSiteLink> DEFAULT_SITE_LINKS = List.of(
            new DefaultSiteLink("video_video", "video_video_sites", "video_id"),
            new DefaultSiteLink("video_type", "video_type_sites", "type_id"),
            new DefaultSiteLink("video_videorendition", "video_videorendition_sites", "videorendition_id"),
            new DefaultSiteLink("authentication_owner", "authentication_owner_sites", "owner_id"),
            new DefaultSiteLink("authentication_groupsite", "authentication_groupsite_sites", "groupsite_id"),
            new DefaultSiteLink("live_building", "live_building_sites", "building_id"),
            new DefaultSiteLink("recorder_recorder", "recorder_recorder_sites", "recorder_id"));

    /** Imported, then checked item by item by the operator (the procedure's step 7). */
    public static final List<String> CHECKED_AFTER_IMPORT = List.of(
            FLATPAGE_TABLE, FLATPAGE_SITES_TABLE, "live_broadcaster", "live_event", "live_event_additional_owners");

    private PodMigrationRules() {
    }

    /** The renames a v3 database with these tables needs. */
    public static List<TableRename> renamesFor(Collection<String> targetTables) {
        TargetShape shape = TargetShape.of(targetTables);
        return RENAMES.stream()
                .filter(r -> r.shapes().contains(shape) && targetTables.contains(r.v3Table()))
                .toList();
    }

    /** The v2 tables a v3 database with these tables has no table for, even after the renames it needs. */
    public static List<TableWithoutHome> tablesWithoutHome(Collection<String> targetTables) {
        Set<String> renamed = renamesFor(targetTables).stream().map(TableRename::v2Table).collect(Collectors.toSet());
        return TABLES_WITHOUT_HOME.stream()
                .filter(t -> !targetTables.contains(t.v2Table()) && !renamed.contains(t.v2Table()))
                .toList();
    }

    /** The value a v3 NOT NULL column without default takes for rows from v2, if Pod's knowledge has one. */
    public static Optional<V3ColumnValue> newNotNullValue(String table, String column) {
        return NEW_NOT_NULL_COLUMNS.stream()
                .filter(v -> v.table().equals(table) && v.column().equals(column))
                .findFirst();
    }

    /**
     * What Pod's knowledge says of a v2 column its v3 table no longer has, if it says anything (the column's name
     * compared as MariaDB compares names).
     */
    public static Optional<DroppedColumn> droppedColumn(String v2Table, String column) {
        return DROPPED_COLUMNS.stream()
                .filter(d -> d.table().equals(v2Table) && d.column().equalsIgnoreCase(column))
                .findFirst();
    }

    private static DroppedColumn dropped(String tableColumn, String droppedIn, String becomesIn) {
        int dot = tableColumn.indexOf('.');
        return new DroppedColumn(tableColumn.substring(0, dot), tableColumn.substring(dot + 1), droppedIn, becomesIn);
    }

    private static V3ColumnValue constant(String tableColumn, String value, String why) {
        return derived(tableColumn, value, why);
    }

    private static V3ColumnValue derived(String tableColumn, String expression, String why, String... v2Columns) {
        return value(tableColumn, expression, why, false, v2Columns);
    }

    /** A value for v2's NULLs in a column that became NOT NULL: {@code COALESCE(column, empty)}. */
    private static V3ColumnValue notNullFrom(String tableColumn, String empty, String version) {
        String column = tableColumn.substring(tableColumn.indexOf('.') + 1);
        return value(tableColumn, "COALESCE(" + column + ", " + empty + ")", "NOT NULL from " + version, true, column);
    }

    private static V3ColumnValue value(String tableColumn, String expression, String why, boolean forNotNull,
                                       String... v2Columns) {
        int dot = tableColumn.indexOf('.');
        return new V3ColumnValue(tableColumn.substring(0, dot), tableColumn.substring(dot + 1), expression,
                List.of(v2Columns), why, forNotNull);
    }
}
