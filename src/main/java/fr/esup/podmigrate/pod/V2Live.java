package fr.esup.podmigrate.pod;

import java.sql.SQLException;
import java.time.LocalTime;
import java.util.Arrays;

/** Buildings, broadcasters and their heartbeats; on 2.9.3, live events. */
final class V2Live {

    private final V2Site site;

    V2Live(V2Site site) {
        this.site = site;
    }

    void write() throws SQLException {
        ExtendedInsert building = site.table("live_building", "name", "gmapurl", "headband_id");
        ExtendedInsert buildingSite = site.table("live_building_sites", "building_id", "site_id");
        String[] common = {"name", "slug", "description", "url", "status", "enable_viewer_count", "is_restricted",
                "public", "viewcount", "building_id", "poster_id", "video_on_hold_id"};
        boolean v291 = site.version == PodVersion.V2_9_1;
        ExtendedInsert broadcaster = site.table("live_broadcaster", v291
                ? concat(common, "iframe_url", "iframe_height", "aside_iframe_url", "password")
                : concat(common, "piloting_implementation", "piloting_conf"));
        int buildings = 2 + site.videos / 10_000;
        int broadcasters = 0;
        for (int id = 1; id <= buildings; id++) {
            building.row("Bâtiment " + (char) ('A' + id % 26) + id,
                    site.chance(0.5) ? null : "https://maps.example.org/?b=" + id, null);
            buildingSite.row(id, PodMigrationRules.DEFAULT_SITE_ID);
            if (id == 1) {
                buildingSite.row(id, 2);
            }
            for (int camera = 1; camera <= 2; camera++) {
                broadcasters++;
                String name = "Amphi " + id + " – caméra " + camera;
                Object[] values = {name, "amphi-" + id + "-camera-" + camera, "<p>" + site.text.sentence() + "</p>",
                        "https://live.univ-exemple.fr/hls/amphi" + id + "_" + camera + ".m3u8", site.chance(0.5),
                        site.chance(0.5), site.chance(0.2), site.chance(0.7), 0, id, null,
                        site.chance(0.3) ? (Object) site.any(site.videos) : null};
                broadcaster.row(v291
                        ? concat(values, site.chance(0.5) ? "https://chat.univ-exemple.fr/amphi" + id : null,
                                site.chance(0.5) ? (Object) 400 : null, null, site.chance(0.2) ? "s3cr3t'" + id : null)
                        : concat(values, site.chance(0.5) ? "Wowza" : null,
                                // the first broadcaster always has one: the checklist shows how it maps to v3
                                broadcasters == 1 || site.chance(0.5)
                                        ? "{\"server_url\": \"https://wowza.univ-exemple.fr:8087\"}" : null));
                if (!v291 && site.chance(0.5)) {
                    site.table("live_broadcaster_manage_groups", "broadcaster_id", "group_id")
                            .row(broadcasters, 1 + camera);
                }
            }
        }
        for (int i = 0, viewers = Math.min(site.users, 5 + site.videos / 500); i < viewers; i++) {
            site.table("live_broadcaster_viewers", "broadcaster_id", "user_id").row(1 + i % broadcasters, 1 + i);
        }
        ExtendedInsert heartbeat = site.table("live_heartbeat", "viewkey", "last_heartbeat", "broadcaster_id", "user_id");
        for (int id = 1, heartbeats = Math.max(5, site.videos / 20); id <= heartbeats; id++) {
            heartbeat.row(site.text.hex(24) + id, site.someTime(), site.any(broadcasters),
                    site.chance(0.4) ? null : (Object) site.any(site.users));
        }
        if (!v291) {
            events(broadcasters);
        }
    }

    private void events(int broadcasters) throws SQLException {
        ExtendedInsert event = site.table("live_event", "slug", "title", "description", "start_date", "start_time",
                "end_time", "iframe_url", "iframe_height", "aside_iframe_url", "is_draft", "is_restricted",
                "is_auto_start", "password", "broadcaster_id", "owner_id", "thumbnail_id", "type_id");
        for (int id = 1, events = Math.max(3, site.videos / 200); id <= events; id++) {
            String title = id == 1 ? "Rentrée 2023 🎓 : discours d'accueil" : "Direct : " + site.text.topic();
            LocalTime start = LocalTime.of(8 + site.random.nextInt(10), 15 * site.random.nextInt(4));
            event.row(id + "-" + SampleText.slugify(title, 200), title, site.text.description(),
                    site.someTime().toLocalDate(), start, start.plusMinutes(30 + 30 * site.random.nextInt(4)),
                    site.chance(0.2) ? "https://chat.univ-exemple.fr/event" + id : null,
                    site.chance(0.2) ? (Object) 300 : null, null, site.chance(0.2), site.chance(0.2), site.chance(0.5),
                    site.chance(0.1) ? "secret" + id : null,
                    site.any(broadcasters), site.any(site.users), null, site.any(V2Catalog.TYPES.length));
            if (site.chance(0.3)) {
                site.table("live_event_additional_owners", "event_id", "user_id").row(id, site.any(site.users));
            }
            if (site.chance(0.2)) {
                site.table("live_event_restrict_access_to_groups", "event_id", "accessgroup_id")
                        .row(id, site.any(site.accessGroups));
            }
            if (site.chance(0.3)) {
                site.table("live_event_videos", "event_id", "video_id").row(id, site.any(site.videos));
            }
        }
    }

    @SafeVarargs
    private static <T> T[] concat(T[] first, T... second) {
        T[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
