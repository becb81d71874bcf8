package fr.esup.podmigrate.sitefix;

import java.util.List;
import java.util.Map;

/**
 * Where the v2 sites links send the rows without a site: each row's site in v2, the lowest when it had several, the
 * default site when it had none that v3 has.
 *
 * @param rowsBySite the rows each site gets, by site id
 * @param severalSites the rows v2 linked to several sites, with those sites (v3 has one site per row)
 * @param withoutV2Site the rows that go to the default site because v2 gave them no site v3 has
 */
public record V2LinkPlan(Map<Long, List<Long>> rowsBySite, Map<Long, List<Long>> severalSites, long withoutV2Site) {
}
