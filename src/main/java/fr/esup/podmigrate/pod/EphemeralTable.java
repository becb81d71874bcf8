package fr.esup.podmigrate.pod;

/**
 * A table whose rows are a cache or short-lived state, not a site's data: Pod and its libraries rebuild or expire them.
 * The import leaves them out unless the operator asks for them.
 *
 * @param linkColumn  the column through which its rows point at {@code linkedTable}, empty when none matters
 * @param linkedTable a table the import leaves out, or whose link v3 drops: included rows then point nowhere
 */
public record EphemeralTable(String table, Reason reason, String linkColumn, String linkedTable) {

    public enum Reason {
        /** Django's logged-in sessions: everyone logs in again on the new server. */
        SESSIONS,
        /** django-simple-captcha's pending challenges, deleted once answered or expired. */
        CAPTCHAS,
        /** sorl-thumbnail's key-value store of thumbnail sizes, rebuilt on demand from the media files. */
        THUMBNAIL_CACHE,
        /** Live viewers' pings and the viewer lists counted from them: Pod's live_viewcounter deletes old ones. */
        LIVE_VIEWERS;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
