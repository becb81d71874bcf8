package fr.esup.podmigrate.pod;

import java.sql.SQLException;

/** What videos are filed under (types, disciplines, channels and their themes, tags, renditions) and the flat pages. */
final class V2Catalog {

    static final String[] TYPES = {"Other", "Cours", "Conférence", "Colloque", "Tutoriel", "Émission 🎬"};
    static final String[] DISCIPLINES = {"Sciences", "Droit, économie, gestion", "Lettres et langues",
            "Santé", "Sciences humaines et sociales", "Arts", "Sport — STAPS", "Ingénierie"};
    private static final String[] RENDITIONS = {"640x360", "1280x720", "1920x1080"};

    private final V2Site site;

    V2Catalog(V2Site site) {
        this.site = site;
    }

    void write() throws SQLException {
        taxonomy();
        pages();
    }

    private void taxonomy() throws SQLException {
        ExtendedInsert type = site.table("video_type", "title", "title_fr", "title_en", "title_nl", "slug",
                "description", "description_fr", "description_en", "description_nl", "icon_id");
        ExtendedInsert typeSite = site.table("video_type_sites", "type_id", "site_id");
        for (int i = 0; i < TYPES.length; i++) {
            String title = TYPES[i];
            long id = type.row(title, title, i == 0 ? "Other" : null, i == 1 ? "Cursus" : null,
                    SampleText.slugify(title, 100), i == 0 ? "" : site.text.sentence(), null, null,
                    i == 1 ? SampleText.DUTCH_DESCRIPTION : null, null);
            typeSite.row(id, PodMigrationRules.DEFAULT_SITE_ID);
            if (i == TYPES.length - 1) {
                typeSite.row(id, 2);
            }
        }
        ExtendedInsert discipline = site.table("video_discipline", "title", "title_fr", "title_en", "title_nl", "slug",
                "description", "description_fr", "description_en", "description_nl", "icon_id");
        ExtendedInsert disciplineSite = site.table("video_discipline_sites", "discipline_id", "site_id");
        for (int i = 0; i < site.disciplines; i++) {
            String title = i < DISCIPLINES.length ? DISCIPLINES[i] : site.text.topic() + " " + i;
            long id = discipline.row(title, title, null, i == 0 ? "Wetenschappen" : null,
                    SampleText.slugify(title, 90) + "-" + i, site.chance(0.5) ? null : site.text.sentence(),
                    null, null, null, null);
            // The last one lives on the second site only: the site fix must read the link, not assume site 1.
            disciplineSite.row(id, i == site.disciplines - 1 ? 2 : PodMigrationRules.DEFAULT_SITE_ID);
        }
        channels();
        ExtendedInsert tag = site.table("tagging_tag", "name");
        for (int i = 0; i < site.tags; i++) {
            tag.row(i < SampleText.TAG_WORDS.length ? SampleText.TAG_WORDS[i] : "sujet-" + i);
        }
        ExtendedInsert rendition = site.table("video_videorendition", "resolution", "minrate", "video_bitrate",
                "maxrate", "audio_bitrate", "encode_mp4");
        ExtendedInsert renditionSite = site.table("video_videorendition_sites", "videorendition_id", "site_id");
        String[][] rates = {{"500k", "750k", "1000k", "96k"}, {"1000k", "2000k", "3000k", "128k"},
                {"2000k", "3000k", "4500k", "192k"}};
        for (int i = 0; i < RENDITIONS.length; i++) {
            long id = rendition.row(RENDITIONS[i], rates[i][0], rates[i][1], rates[i][2], rates[i][3], i < 2);
            renditionSite.row(id, PodMigrationRules.DEFAULT_SITE_ID);
        }
        ExtendedInsert category = site.table("video_category", "title", "slug", "owner_id");
        for (int i = 1; i <= site.categories; i++) {
            String title = "Mes cours de " + site.text.topic();
            category.row(title, i + "-" + SampleText.slugify(title, 90), site.any(site.users));
        }
    }

    private void channels() throws SQLException {
        ExtendedInsert channel = site.table("video_channel", "title", "title_fr", "title_en", "title_nl", "slug",
                "description", "description_fr", "description_en", "description_nl", "color", "style", "visible",
                "headband_id");
        ExtendedInsert channelSite = site.table("video_channel_sites", "channel_id", "site_id");
        ExtendedInsert channelOwner = site.table("video_channel_owners", "channel_id", "user_id");
        ExtendedInsert channelUser = site.table("video_channel_users", "channel_id", "user_id");
        ExtendedInsert channelGroup = site.table("video_channel_allow_to_groups", "channel_id", "accessgroup_id");
        ExtendedInsert tab = site.table("main_additionalchanneltab", "name");
        ExtendedInsert channelTab = site.table("video_channel_add_channels_tab", "channel_id",
                "additionalchanneltab_id");
        ExtendedInsert theme = site.table("video_theme", "title", "title_fr", "title_en", "title_nl", "slug",
                "description", "description_fr", "description_en", "description_nl", "channel_id", "headband_id",
                "parentId_id");
        tab.row("Formations");
        tab.row("Laboratoires");
        int themeId = 0;
        for (int id = 1; id <= site.channels; id++) {
            String title = id == 1 ? "Amphi 🎓 « Jean-Jaurès »" : "Chaîne " + site.text.topic() + " n°" + id;
            String description = id % 50 == 2 ? site.text.longDescription(40) : site.text.description();
            boolean dutch = id % 10 == 4;
            channel.row(title, title, id % 3 == 0 ? "Channel " + id : null,
                    dutch ? SampleText.DUTCH_TITLE + " " + id : null, id + "-" + SampleText.slugify(title, 90),
                    description, description, null, dutch ? SampleText.DUTCH_DESCRIPTION : null,
                    site.chance(0.3) ? "#1f7c85" : null,
                    site.chance(0.05) ? ".title { color: \"red\"; }" : null, !site.chance(0.1), null);
            // Channel 1 is on both sites and channel 2 on none: v3 has one site per channel.
            if (id == 1) {
                channelSite.row(id, PodMigrationRules.DEFAULT_SITE_ID);
                channelSite.row(id, 2);
            } else if (id == 3) {
                channelSite.row(id, 2);
            } else if (id != 2) {
                channelSite.row(id, PodMigrationRules.DEFAULT_SITE_ID);
            }
            int owner = site.any(site.users);
            channelOwner.row(id, owner);
            if (site.chance(0.3)) {
                channelOwner.row(id, 1 + owner % site.users);
            }
            if (site.chance(0.2)) {
                channelUser.row(id, site.any(site.users));
            }
            if (site.chance(0.1)) {
                channelGroup.row(id, site.any(site.accessGroups));
            }
            if (site.chance(0.05)) {
                channelTab.row(id, site.any(2));
            }
            site.firstThemeOfChannel[id] = themeId + 1;
            site.themesOfChannel[id] = id % 4;
            for (int t = 0; t < site.themesOfChannel[id]; t++) {
                String themeTitle = t == 0 ? "Semestre 1" : t == 1 ? "Travaux dirigés" : "Archives d'été";
                theme.row(themeTitle, themeTitle, null, t == 1 ? "Werkcolleges" : null,
                        SampleText.slugify(themeTitle, 90), site.chance(0.5) ? null : site.text.sentence(), null, null,
                        null, id, null,
                        t == 1 ? (Object) site.firstThemeOfChannel[id] : null);
                themeId++;
            }
        }
    }

    private void pages() throws SQLException {
        ExtendedInsert page = site.table("django_flatpage", "url", "title", "content", "enable_comments",
                "template_name", "registration_required", "content_en", "content_fr", "content_nl", "title_en",
                "title_fr", "title_nl");
        ExtendedInsert pageSite = site.table("django_flatpage_sites", "flatpage_id", "site_id");
        page.row("/", "Accueil", "<p>Bienvenue sur Pod 🎬</p>", false, "", false, "<p>Welcome</p>",
                "<p>Bienvenue sur Pod 🎬</p>", "<p>Welkom</p>", "Home", "Accueil", "Welkom");
        page.row("/mentions-legales/", "Mentions légales", site.text.longDescription(8), false, "", false, null,
                null, null, "Legal notice", "Mentions légales", null);
        page.row("/faq/", "FAQ « vidéo »", "<p>Comment déposer une vidéo ? Voir l'aide.</p>", false,
                "flatpages/default.html", true, null, null, null, null, "FAQ « vidéo »", null);
        page.row("/formation/", "Pod Formation", "<p>" + site.text.sentence() + "</p>", false, "", false, null, null,
                null, null, null, null);
        // The home page is on both sites, the FAQ on none, the last page on the second site only.
        pageSite.row(1, PodMigrationRules.DEFAULT_SITE_ID);
        pageSite.row(1, 2);
        pageSite.row(2, PodMigrationRules.DEFAULT_SITE_ID);
        pageSite.row(4, 2);
        ExtendedInsert link = site.table("main_linkfooter", "title", "title_fr", "title_en", "title_nl", "order",
                "url", "page_id");
        ExtendedInsert linkSite = site.table("main_linkfooter_sites", "linkfooter_id", "site_id");
        long legalNotice = link.row("Mentions légales", "Mentions légales", "Legal notice", "Juridische kennisgeving",
                1, null, 2);
        linkSite.row(legalNotice, PodMigrationRules.DEFAULT_SITE_ID);
        linkSite.row(link.row("Université", "Université", null, null, 2, "https://www.univ-exemple.fr/", null),
                PodMigrationRules.DEFAULT_SITE_ID);
    }
}
