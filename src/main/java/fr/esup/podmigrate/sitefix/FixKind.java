package fr.esup.podmigrate.sitefix;

import java.util.Locale;

/** The kinds of site fixes, in the order they apply: the better fix first, the procedure's catches the rest. */
public enum FixKind {
    /** A row without a site takes the site its v2 sites link gave it. */
    V2_LINKS,
    /** A row without a site takes site 1: the procedure's {@code UPDATE ... SET site_id=1 WHERE site_id=0}. */
    DEFAULT_SITE,
    /** A row linked to no site gets the current site, as Pod's post-migrate {@code set_default_site} does. */
    SITES_LINK,
    /** A v2 transcript flag becomes a language code, as Pod's post-migrate {@code fix_transcript} does. */
    TRANSCRIPT;

    /** Message key part and form value prefix. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
