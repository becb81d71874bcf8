package fr.esup.podmigrate.pod;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** The videos and all that hangs off them, the playlists, and the rows deleted videos left behind. */
final class V2Videos {

    private static final String[] RENDITION_NAMES = {"360p", "720p", "1080p"};
    private static final String[] LOGGED_RENDITIONS = {"360", "720", "1080"};
    private static final String[] CURSUS = {"0", "L", "M", "D", "1"};
    private static final String[] LICENCES = {"by", "by-nd", "by-nc-nd", "by-nc", "by-nc-sa", "by-sa"};
    private static final String[] ROLES = {"actor", "author", "designer", "contributor", "editor", "speaker",
            "director", "technician", "voice-over"};

    private final V2Site site;
    private final ExtendedInsert viewCounts;
    private final ExtendedInsert videoChannels;
    private final ExtendedInsert videoSites;
    private final ExtendedInsert comments;
    private final ExtendedInsert taggedItems;
    private final ExtendedInsert encodedVideos;

    V2Videos(V2Site site) {
        this.site = site;
        this.viewCounts = site.table("video_viewcount", "date", "count", "video_id");
        this.videoChannels = site.table("video_video_channel", "video_id", "channel_id");
        this.videoSites = site.table("video_video_sites", "video_id", "site_id");
        this.comments = site.table("video_comment", "content", "added", "author_id", "direct_parent_id", "parent_id",
                "video_id");
        this.taggedItems = site.table("tagging_taggeditem", "object_id", "content_type_id", "tag_id");
        this.encodedVideos = site.table("video_encodingvideo", "name", "encoding_format", "source_file",
                "rendition_id", "video_id");
    }

    void write() throws SQLException {
        for (int video = 1; video <= site.videos; video++) {
            video(video);
        }
        playlists();
        brokenForeignKeys();
    }

    private void video(int id) throws SQLException {
        int owner = 1 + (int) (site.users * Math.pow(site.random.nextDouble(), 2));
        boolean isVideo = !site.chance(0.1);
        LocalDateTime added = site.someTime();
        String title = switch (id) {
            case 1 -> SampleText.EMOJI_TITLE;
            case 2 -> SampleText.ESCAPE_TITLE;
            default -> site.text.videoTitle(id);
        };
        String description = id == 3 ? site.text.longDescription(200)
                : id % 97 == 5 ? site.text.description() + "<p>Bravo à tous 👏🎉</p>" : site.text.description();
        boolean dutch = id % 50 == 7;
        String folder = "videos/" + site.ownerHashkeys[owner] + "/" + id + "/";
        Long thumbnail = site.chance(0.6)
                ? site.table("main_customimagemodel", "file").row(folder + "thumbnail.jpg") : null;
        StringBuilder tagNames = new StringBuilder();
        int[] videoTags = site.distinct(site.weighted(0.2, 0.2, 0.2, 0.2, 0.1, 0.1), site.tags);
        for (int tag : videoTags) {
            String name = tag <= SampleText.TAG_WORDS.length ? SampleText.TAG_WORDS[tag - 1] : "sujet-" + (tag - 1);
            tagNames.append(tagNames.isEmpty() ? "" : " ").append(name);
            taggedItems.row(id, site.videoContentType, tag);
        }
        boolean restricted = site.chance(0.05);
        LocalDate day = added.toLocalDate();
        LocalDate eventDay = site.chance(0.3) ? null : day.minusDays(site.random.nextInt(30));
        String language = site.chance(0.8) ? "fr" : site.chance(0.75) ? "en" : "de";
        String licence = site.chance(0.4) ? null : site.text.pick(LICENCES);
        String password = site.chance(0.03) ? "mot-de-passe-" + id : null;
        int type = site.chance(0.5) ? 1 : site.any(V2Catalog.TYPES.length);
        site.table("video_video", "video", "title", "title_fr", "title_en", "title_nl", "slug", "description",
                "description_fr", "description_en", "description_nl", "date_added", "date_evt", "cursus", "main_lang",
                "transcript", "tags", "licence", "allow_downloading", "is_360", "is_draft", "is_restricted", "password",
                "duration", "overview", "encoding_in_progress", "is_video", "date_delete", "disable_comment", "owner_id",
                "thumbnail_id", "type_id").row(
                folder + SampleText.slugify(title, 60) + (isVideo ? ".mp4" : ".mp3"),
                title, title, site.chance(0.1) ? "Lecture " + id : null, dutch ? SampleText.DUTCH_TITLE : null,
                id + "-" + SampleText.slugify(title, 200),
                description, description, null, dutch ? SampleText.DUTCH_DESCRIPTION : null,
                added, eventDay, site.text.pick(CURSUS), language, site.chance(0.1), tagNames.toString(), licence,
                site.chance(0.3), site.chance(0.01), site.chance(0.15), restricted, password,
                60 + site.random.nextInt(7200), isVideo ? folder + "overview.png" : null, false, isVideo,
                day.plusYears(5), site.chance(0.1), owner, thumbnail, type);
        videoSites(id);
        videoLinks(id, owner, restricted);
        encodings(id, isVideo, folder);
        audience(id, added);
        complements(id, folder);
    }

    private void videoSites(int id) throws SQLException {
        if (id % 200 == 7) {
            return;
        }
        if (id % 50 != 11) {
            videoSites.row(id, PodMigrationRules.DEFAULT_SITE_ID);
        }
        if (id % 20 == 3 || id % 50 == 11) {
            videoSites.row(id, 2);
        }
    }

    private void videoLinks(int id, int owner, boolean restricted) throws SQLException {
        for (int user : site.distinct(site.weighted(0.75, 0.2, 0.05), site.users)) {
            if (user != owner) {
                site.table("video_video_additional_owners", "video_id", "user_id").row(id, user);
            }
        }
        int[] channelsOfVideo = site.distinct(site.weighted(0.2, 0.5, 0.25, 0.05), site.channels);
        for (int channel : channelsOfVideo) {
            videoChannels.row(id, channel);
        }
        if (channelsOfVideo.length > 0 && site.themesOfChannel[channelsOfVideo[0]] > 0 && site.chance(0.4)) {
            int channel = channelsOfVideo[0];
            site.table("video_video_theme", "video_id", "theme_id")
                    .row(id, site.firstThemeOfChannel[channel] + site.random.nextInt(site.themesOfChannel[channel]));
        }
        for (int discipline : site.distinct(site.weighted(0.3, 0.6, 0.1), site.disciplines)) {
            site.table("video_video_discipline", "video_id", "discipline_id").row(id, discipline);
        }
        if (restricted) {
            site.table("video_video_restrict_access_to_groups", "video_id", "accessgroup_id")
                    .row(id, site.any(site.accessGroups));
        }
        if (site.chance(0.1)) {
            site.table("video_category_video", "category_id", "video_id").row(site.any(site.categories), id);
        }
        if (site.chance(0.05)) {
            site.table("video_videoversion", "version", "video_id").row(site.chance(0.5) ? "O" : "E", id);
        }
    }

    private void encodings(int id, boolean isVideo, String folder) throws SQLException {
        ExtendedInsert playlist = site.table("video_playlistvideo", "name", "encoding_format", "source_file", "video_id");
        if (isVideo) {
            int renditions = site.chance(0.5) ? 3 : 2;
            for (int r = 0; r < renditions; r++) {
                String name = RENDITION_NAMES[r];
                if (r < 2) {
                    encodedVideos.row(name, "video/mp4", folder + name + ".mp4", r + 1, id);
                }
                playlist.row(name, "application/x-mpegURL", folder + name + ".m3u8", id);
            }
            playlist.row("playlist", "application/x-mpegURL", folder + "playlist.m3u8", id);
        }
        ExtendedInsert audio = site.table("video_encodingaudio", "name", "encoding_format", "source_file", "video_id");
        audio.row("audio", "audio/mp3", folder + "audio_192k.mp3", id);
        if (!isVideo) {
            audio.row("audio", "video/mp4", folder + "audio_192k.m4a", id);
        }
        site.table("video_encodinglog", "log", "video_id").row(site.chance(0.1) ? null : encodingLog(folder, id), id);
        site.table("video_encodingstep", "num_step", "desc_step", "video_id")
                .row(0, site.chance(0.05) ? null : "end of encoding", id);
    }

    /**
     * What Pod writes in an encoding log: per rendition, the ffmpeg command and its progress lines (a few KB a
     * video on a real site, which is most of a v2 dump's bytes after the videos themselves).
     */
    private String encodingLog(String folder, int id) {
        StringBuilder log = new StringBuilder(6 * 1024);
        int seconds = 60 + site.random.nextInt(3600);
        for (String rendition : LOGGED_RENDITIONS) {
            log.append("command: ffmpeg -hide_banner -y -i \"").append(folder).append("source.mp4\" -c:v libx264 -preset slow")
                    .append(" -vf scale=-2:").append(rendition).append(" -c:a aac -b:a 128k \"").append(folder)
                    .append(rendition).append("p.mp4\"\nresult:\n");
            for (int step = 1, steps = 8 + site.random.nextInt(13); step <= steps; step++) {
                int at = seconds * step / steps;
                log.append("frame=").append(at * 25).append(" fps=").append(20 + site.random.nextInt(60))
                        .append(" q=28.0 size=").append(at * 190 + site.random.nextInt(100)).append("kB time=")
                        .append(String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%02d", at / 3600, at / 60 % 60,
                                at % 60, site.random.nextInt(100)))
                        .append(" bitrate=").append(1000 + site.random.nextInt(2000)).append(".").append(site.random.nextInt(10))
                        .append("kbits/s speed=").append(1 + site.random.nextInt(4)).append(".").append(site.random.nextInt(100))
                        .append("x\n");
            }
        }
        return log.append("End of encoding: ").append(id).toString();
    }

    private void audience(int id, LocalDateTime added) throws SQLException {
        LocalDate day = added.toLocalDate();
        for (int i = 0, days = site.random.nextInt(17); i < days; i++) {
            day = day.plusDays(site.any(20));
            viewCounts.row(day, site.any(200), id);
        }
        long firstComment = 0;
        for (int i = 0, count = site.weighted(0.7, 0.2, 0.05, 0.05).length; i < count; i++) {
            Long parent = i == 0 ? null : firstComment;
            String content = i == 1 ? "Merci ! 😀 Très clair, même l'exemple « \\n »." : site.text.sentence();
            long comment = comments.row(content, added.plusHours(site.any(5000)), site.any(site.users), parent, parent,
                    id);
            if (i == 0) {
                firstComment = comment;
            }
            if (site.chance(0.3)) {
                site.table("video_vote", "comment_id", "user_id").row(comment, site.any(site.users));
            }
        }
        if (site.chance(0.1)) {
            site.table("video_notes", "note", "user_id", "video_id")
                    .row(site.chance(0.2) ? null : site.text.sentence(), site.any(site.users), id);
        }
        if (site.chance(0.1)) {
            LocalDateTime noted = added.plusDays(site.random.nextInt(300));
            long note = site.table("video_advancednotes", "status", "note", "timestamp", "added_on", "modified_on",
                    "user_id", "video_id").row(String.valueOf(site.random.nextInt(3)), site.text.sentence(),
                    site.random.nextInt(3600), noted, noted, site.any(site.users), id);
            if (site.chance(0.5)) {
                site.table("video_notecomments", "status", "comment", "added_on", "modified_on", "parentCom_id",
                        "parentNote_id", "user_id").row("0", "D'accord ✔", noted.plusHours(2), noted.plusHours(2), null,
                        note, site.any(site.users));
            }
        }
    }

    private void complements(int id, String folder) throws SQLException {
        int start = 0;
        for (int i = 1, chapters = site.weighted(0.6, 0.1, 0.1, 0.1, 0.05, 0.05).length; i <= chapters; i++) {
            start += 30 + site.random.nextInt(600);
            String title = i == 2 ? "Partie " + i + " : l'« essentiel »" : "Partie " + i;
            ExtendedInsert chapter = site.table("chapter_chapter", "title", "slug", "time_start", "video_id");
            chapter.row(title, (chapter.rows() + 1) + "-" + SampleText.slugify(title, 90), start, id);
        }
        if (site.chance(0.05)) {
            ExtendedInsert enrichment = site.table("enrichment_enrichment", "title", "slug", "stop_video", "start",
                    "end", "type", "richtext", "weblink", "embed", "document_id", "image_id", "video_id");
            boolean link = site.chance(0.5);
            enrichment.row("Pour aller plus loin", (enrichment.rows() + 1) + "-pour-aller-plus-loin", site.chance(0.2),
                    10, 40,
                    link ? "weblink" : "richtext", link ? "" : "<p>" + site.text.sentence() + "</p>",
                    link ? "https://fr.wikipedia.org/wiki/" + id : null, null, null, null, id);
        }
        if (site.chance(0.02)) {
            long group = site.table("enrichment_enrichmentgroup", "video_id").row(id);
            site.table("enrichment_enrichmentgroup_groups", "enrichmentgroup_id", "group_id").row(group, site.any(3));
        }
        if (site.chance(0.02)) {
            long vtt = site.table("main_customfilemodel", "file").row(folder + "enrichment.vtt");
            site.table("enrichment_enrichmentvtt", "src_id", "video_id").row(vtt, id);
        }
        for (int i = 0, contributors = site.weighted(0.7, 0.2, 0.1).length; i < contributors; i++) {
            String name = site.text.firstName() + " " + site.text.lastName();
            site.table("completion_contributor", "name", "email_address", "role", "weblink", "video_id").row(name,
                    site.chance(0.5) ? null : SampleText.slugify(name, 40) + "@univ-exemple.fr", site.text.pick(ROLES),
                    site.chance(0.8) ? null : "https://annuaire.univ-exemple.fr/" + id, id);
        }
        if (site.chance(0.2)) {
            long file = site.table("main_customfilemodel", "file").row(folder + "subtitles_fr.vtt");
            site.table("completion_track", "kind", "lang", "src_id", "video_id")
                    .row(site.chance(0.8) ? "subtitles" : "captions", "fr", file, id);
        }
        if (site.chance(0.05)) {
            long file = site.table("main_customfilemodel", "file").row(folder + "support de cours.pdf");
            site.table("completion_document", "document_id", "video_id").row(file, id);
        }
        if (site.chance(0.03)) {
            ExtendedInsert overlay = site.table("completion_overlay", "title", "slug", "time_start", "time_end",
                    "content", "position", "background", "video_id");
            overlay.row("Rappel", (overlay.rows() + 1) + "-rappel", 5, 20, "<p>Examen le 12 mai !</p>",
                    site.chance(0.5) ? "bottom-left" : null, site.chance(0.5), id);
        }
    }

    private void playlists() throws SQLException {
        ExtendedInsert playlist = site.table("playlist_playlist", "title", "slug", "description", "visible", "owner_id");
        ExtendedInsert element = site.table("playlist_playlistelement", "position", "playlist_id", "video_id");
        for (int id = 1, playlists = Math.max(2, site.videos / 20); id <= playlists; id++) {
            String title = "Playlist n°" + id + " — " + site.text.topic();
            playlist.row(title, id + "-" + SampleText.slugify(title, 90),
                    site.chance(0.5) ? null : site.text.sentence(), site.chance(0.7), site.any(site.users));
            int position = 0;
            int[] videos = new int[site.random.nextInt(Math.min(site.videos, 20) + 1)];
            for (int video : site.distinct(videos, site.videos)) {
                element.row(position++, id, video);
            }
        }
    }

    /** Rows left behind by deleted videos, channels, users and sites: v2 had no foreign key checks on them. */
    private void brokenForeignKeys() throws SQLException {
        for (int i = 1, rows = 1 + site.videos / 1000; i <= rows; i++) {
            int missingVideo = site.videos + 1000 + i;
            viewCounts.row(LocalDate.of(2020, 3, 17), 3, missingVideo);
            videoChannels.row(i, site.channels + 100 + i);
            comments.row("Commentaire d'un compte supprimé", V2Site.FIRST_UPLOAD, site.users + 500 + i, null, null,
                    i);
            taggedItems.row(missingVideo, site.videoContentType, 1);
            encodedVideos.row("360p", "video/mp4", "videos/orphan/" + i + "/360p.mp4", 1, missingVideo);
            videoSites.row(i, 3);
        }
    }
}
