package fr.esup.podmigrate.pod;

import java.util.List;

/**
 * How Pod runs on its servers, from Esup-Pod's installation guide and the migration procedure (its step 8): what the
 * operator runs there once the database is migrated. The directories are the guide's; a site may have others.
 */
public final class PodServers {

    /** Restarted on every Pod server once the database is migrated: they cache what the old database held. */
    public static final List<String> SERVICES = List.of("uwsgi-pod", "celeryd", "rabbitmq-server", "redis");

    public static final String V3_DIRECTORY = "/usr/local/django_projects/podv3";
    public static final String V2_DIRECTORY = "/usr/local/django_projects/podv2";
    /** The virtualenvwrapper environment of Pod v3 ({@code workon django_pod3}). */
    public static final String V3_VIRTUALENV = "django_pod3";

    /**
     * Run in the v3 directory, virtualenv active, once the database is imported. Django's migrate sends
     * {@code post_migrate} even with no migration to apply: contenttypes and auth then create the content types and
     * permissions of the models v2's imported rows do not know, and Pod's own handlers run.
     */
    public static final String MIGRATE_COMMAND = "python manage.py migrate";

    /** The table whose rows the reindexing puts into Elasticsearch. */
    public static final String INDEXED_TABLE = "video_video";

    /** Recreate the Elasticsearch index, then index every video: run in the v3 directory, virtualenv active. */
    public static final List<String> REINDEX_COMMANDS = List.of(
            "python manage.py create_pod_index", "python manage.py index_videos --all");

    /** Pod's {@code MEDIA_ROOT} below its directory: video files, thumbnails, documents. Not in the database. */
    private static final String MEDIA_FOLDER = "pod/media";

    private PodServers() {
    }

    /** The media folder of a Pod installed in {@code directory}, with a trailing slash (as rsync wants a source). */
    public static String mediaFolder(String directory) {
        return directory.replaceAll("/+$", "") + "/" + MEDIA_FOLDER + "/";
    }
}
