package fr.esup.podmigrate.sitefix;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.v2.V2Side;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static fr.esup.podmigrate.pod.PodMigrationRules.ID_COLUMN;
import static fr.esup.podmigrate.pod.PodMigrationRules.SITE_TABLE;
import static fr.esup.podmigrate.sql.Identifiers.quote;

/**
 * The site fixes step on any database, outside the wizard's run: what a rehearsal does to its scratch copy and a
 * replay to the target, through the step's own service.
 */
public final class SiteFixes {

    private SiteFixes() {
    }

    /** The fixes the step proposes now and chooses by default, by key. */
    public static List<String> recommended(DatabaseEndpoint database, V2Side v2) throws SQLException, IOException {
        return service(database, v2).page().fixes().stream().filter(ProposedFix::recommended).map(ProposedFix::key).toList();
    }

    /** Site 1's domain and name, when the database has a site 1. */
    public static Optional<SiteForm> site(DatabaseEndpoint database) throws SQLException {
        try (Connection connection = database.connect()) {
            return TableQueries.on(connection).sql("SELECT domain, name FROM " + quote(SITE_TABLE) + " WHERE "
                            + quote(ID_COLUMN) + " = :id").param("id", PodMigrationRules.DEFAULT_SITE_ID)
                    .query((rs, n) -> new SiteForm(rs.getString(1), rs.getString(2))).optional();
        }
    }

    /** Gives site 1 {@code site}'s domain and name (none: left as imported), then applies the fixes of {@code keys}. */
    public static List<FixOutcome> apply(DatabaseEndpoint database, V2Side v2, SiteForm site, Collection<String> keys)
            throws SQLException, IOException {
        SiteFixService service = service(database, v2);
        if (site != null) {
            service.updateSite(site);
        }
        return service.apply(keys);
    }

    private static SiteFixService service(DatabaseEndpoint database, V2Side v2) {
        return new SiteFixService(new Databases(database, Optional.empty(), false), v2, null);
    }
}
