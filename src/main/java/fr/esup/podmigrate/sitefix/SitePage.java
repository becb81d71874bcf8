package fr.esup.podmigrate.sitefix;

import fr.esup.podmigrate.v2.V2Origin;

import java.util.List;

/**
 * What the site fixes page shows.
 *
 * @param v2Origin where the v2 sites links are read, null when there is nowhere to read them
 */
public record SitePage(List<Site> sites, List<SiteColumn> siteColumns, List<ProposedFix> fixes, V2Origin v2Origin) {

    /** The domain of a site, or empty when {@code django_site} lacks it. */
    public String domain(long siteId) {
        return sites.stream().filter(site -> site.id() == siteId).map(Site::domain).findFirst().orElse("");
    }

    /** The tables with rows whose site is 0 or missing. */
    public List<SiteColumn> withoutSite() {
        return siteColumns.stream().filter(column -> column.bad() > 0).toList();
    }

    /** A {@code django_site} row. */
    public record Site(long id, String domain, String name) {
    }

    /**
     * A table with a site column and its rows whose site is 0 or a site {@code django_site} lacks.
     */
    public record SiteColumn(String table, long zero, long absent) {

        public long bad() {
            return zero + absent;
        }
    }
}
