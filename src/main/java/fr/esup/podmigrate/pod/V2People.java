package fr.esup.podmigrate.pod;

import java.sql.SQLException;
import java.time.LocalDateTime;

/** The generated site's users, their owner profiles, groups and access groups. */
final class V2People {

    private static final String[] AFFILIATIONS = {"student", "faculty", "staff", "employee", "member", "researcher"};

    private final V2Site site;

    V2People(V2Site site) {
        this.site = site;
    }

    void write() throws SQLException {
        ExtendedInsert user = site.table("auth_user", "password", "last_login", "is_superuser", "username",
                "first_name", "last_name", "email", "is_staff", "is_active", "date_joined");
        ExtendedInsert owner = site.table("authentication_owner", "auth_type", "affiliation", "commentaire", "hashkey",
                "establishment", "user_id", "userpicture_id");
        ExtendedInsert ownerSite = site.table("authentication_owner_sites", "owner_id", "site_id");
        ExtendedInsert group = site.table("auth_group", "name");
        ExtendedInsert groupSite = site.table("authentication_groupsite", "group_id");
        ExtendedInsert groupSiteSite = site.table("authentication_groupsite_sites", "groupsite_id", "site_id");
        ExtendedInsert userGroup = site.table("auth_user_groups", "user_id", "group_id");
        for (String name : new String[] {"Enseignants", "Personnels", "Étudiants"}) {
            long id = group.row(name);
            groupSiteSite.row(groupSite.row(id), PodMigrationRules.DEFAULT_SITE_ID);
        }
        for (int id = 1; id <= site.users; id++) {
            String first = id == 1 ? "Admin" : site.text.firstName();
            String last = id == 1 ? "Pod" : site.text.lastName();
            String username = id == 1 ? "admin" : SampleText.slugify(first.charAt(0) + last, 20).replace("-", "") + id;
            LocalDateTime joined = site.someTime();
            user.row("pbkdf2_sha256$150000$" + site.text.hex(12) + "$" + site.text.hex(43) + "=",
                    site.chance(0.2) ? null : joined.plusDays(site.random.nextInt(400)), id == 1, username, first, last,
                    username + "@univ-exemple.fr", id == 1 || site.chance(0.02), !site.chance(0.05), joined);
            site.ownerHashkeys[id] = String.format("%08x", id) + site.text.hex(56);
            owner.row(id == 1 ? "local" : site.chance(0.8) ? "CAS" : "Shibboleth", site.text.pick(AFFILIATIONS),
                    site.chance(0.02) ? "Compte créé à la main — voir ticket n°42" : "", site.ownerHashkeys[id],
                    site.chance(0.5) ? "" : "UNIV", id, null);
            ownerSite.row(id, PodMigrationRules.DEFAULT_SITE_ID);
            if (site.chance(0.05)) {
                ownerSite.row(id, 2);
            }
            if (site.chance(0.3)) {
                userGroup.row(id, site.any(3));
            }
        }
        ExtendedInsert accessGroup = site.table("authentication_accessgroup", "display_name", "code_name");
        ExtendedInsert accessGroupSite = site.table("authentication_accessgroup_sites", "accessgroup_id", "site_id");
        ExtendedInsert accessGroupUser = site.table("authentication_accessgroup_users", "accessgroup_id", "owner_id");
        ExtendedInsert ownerAccessGroup = site.table("authentication_owner_accessgroups", "owner_id", "accessgroup_id");
        for (int id = 1; id <= site.accessGroups; id++) {
            accessGroup.row("Groupe « " + site.text.topic() + " » " + id, "grp-" + id + "-" + site.text.hex(6));
            accessGroupSite.row(id, PodMigrationRules.DEFAULT_SITE_ID);
            for (int ownerId : site.distinct(new int[5], site.users)) {
                accessGroupUser.row(id, ownerId);
                ownerAccessGroup.row(ownerId, id);
            }
        }
    }
}
