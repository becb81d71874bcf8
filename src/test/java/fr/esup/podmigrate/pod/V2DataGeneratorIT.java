package fr.esup.podmigrate.pod;

import fr.esup.podmigrate.sql.Identifiers;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import static fr.esup.podmigrate.pod.Queries.count;
import static fr.esup.podmigrate.pod.Queries.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V2DataGeneratorIT {

    @Test
    void theDefaultTestDatabaseIsAFilled291() throws SQLException {
        try (PodTestDatabase db = PodTestDatabase.empty(); Connection c = db.connect()) {
            GeneratedRows rows = V2DataGenerator.generate(c, PodVersion.V2_9_1, PodTestDatabase.DEFAULT_SCALE,
                    PodTestDatabase.DEFAULT_SEED);

            assertThat(SchemaCatalog.of(c).tableNames()).isEqualTo(SchemaCatalog.fixtureTableList(PodVersion.V2_9_1));
            assertThat(DatabaseShape.detect(SchemaCatalog.of(c).tableNames(), SchemaCatalog.of(c).migratedApps()).kind())
                    .isEqualTo(DatabaseKind.POD_V2);
            assertThat(rows.perTable()).containsEntry("video_video", (long) PodTestDatabase.DEFAULT_SCALE)
                    .containsKeys("auth_user", "authentication_owner", "video_channel", "video_channel_sites",
                            "video_theme", "video_discipline_sites", "video_type_sites", "video_video_sites",
                            "video_video_additional_owners", "video_video_channel", "video_video_theme",
                            "video_video_discipline", "tagging_taggeditem", "video_encodingvideo",
                            "video_encodingaudio", "video_playlistvideo", "video_videorendition",
                            "video_encodinglog", "video_encodingstep", "playlist_playlist", "playlist_playlistelement",
                            "video_viewcount", "video_notes", "video_comment", "django_flatpage",
                            "django_flatpage_sites", "live_building", "live_broadcaster", "live_heartbeat",
                            "enrichment_enrichment", "chapter_chapter")
                    .doesNotContainKey("live_event");
            for (Map.Entry<String, Long> table : rows.perTable().entrySet()) {
                long before = table.getKey().equals("django_site") ? 1 : 0;
                assertThat(count(c, "SELECT COUNT(*) FROM " + Identifiers.quote(table.getKey()))).as(table.getKey())
                        .isEqualTo(before + table.getValue());
            }
            assertThat(rows.total()).isGreaterThan(25L * PodTestDatabase.DEFAULT_SCALE);
        }
    }

    @Test
    void itHoldsWhatBreaksNaiveMigrations() throws SQLException {
        try (PodTestDatabase db = PodTestDatabase.generatedV2(PodVersion.V2_9_1); Connection c = db.connect()) {
            assertThat(strings(c, "SELECT title FROM video_video WHERE id IN (1, 2) ORDER BY id"))
                    .containsExactly(SampleText.EMOJI_TITLE, SampleText.ESCAPE_TITLE);
            assertThat(count(c, "SELECT MAX(LENGTH(description)) FROM video_video")).isGreaterThan(200_000);
            assertThat(count(c, "SELECT COUNT(*) FROM video_video WHERE title_nl IS NOT NULL")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM video_video WHERE date_evt IS NULL")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM live_broadcaster WHERE iframe_url IS NOT NULL"
                    + " OR password IS NOT NULL")).isPositive();
            assertThat(strings(c, "SELECT site_id FROM video_channel_sites WHERE channel_id = 1 ORDER BY site_id"))
                    .containsExactly("1", "2");
            assertThat(count(c, "SELECT COUNT(*) FROM video_channel_sites WHERE channel_id = 2")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM video_discipline_sites WHERE site_id = 2")).isPositive();
            assertThat(strings(c, "SELECT domain FROM django_site ORDER BY id"))
                    .containsExactly("pod.univ-exemple.fr", "pod-formation.univ-exemple.fr");
            assertThat(count(c, "SELECT COUNT(*) FROM video_viewcount v LEFT JOIN video_video x ON x.id = v.video_id"
                    + " WHERE x.id IS NULL")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM video_video_channel v LEFT JOIN video_channel x"
                    + " ON x.id = v.channel_id WHERE x.id IS NULL")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM video_comment v LEFT JOIN auth_user x ON x.id = v.author_id"
                    + " WHERE x.id IS NULL")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM video_video_sites v LEFT JOIN django_site x ON x.id = v.site_id"
                    + " WHERE x.id IS NULL")).isPositive();
        }
    }

    @Test
    void aGenerated293HasLiveEvents() throws SQLException {
        try (PodTestDatabase db = PodTestDatabase.generatedV2(PodVersion.V2_9_3); Connection c = db.connect()) {
            assertThat(count(c, "SELECT COUNT(*) FROM live_event")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM live_event WHERE end_time > start_time")).isEqualTo(
                    count(c, "SELECT COUNT(*) FROM live_event"));
            assertThat(count(c, "SELECT COUNT(*) FROM live_broadcaster WHERE piloting_conf IS NOT NULL")).isPositive();
        }
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() throws SQLException {
        try (PodTestDatabase first = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 60, 7);
             PodTestDatabase second = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 60, 7);
             PodTestDatabase other = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 60, 8)) {
            Map<String, Long> checksums = checksums(first);
            assertThat(checksums(second)).isEqualTo(checksums);
            assertThat(checksums(other).get("video_video")).isNotEqualTo(checksums.get("video_video"));
        }
    }

    @Test
    void itFillsOnlyAnEmptyV2Database() throws SQLException {
        try (PodTestDatabase db = PodTestDatabase.blank(PodVersion.V2_9_1); Connection c = db.connect()) {
            assertThatThrownBy(() -> V2DataGenerator.generate(c, PodVersion.V2_9_1, 5, 1))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> V2DataGenerator.generate(c, PodVersion.V3_0_5, 5, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Map<String, Long> checksums(PodTestDatabase db) throws SQLException {
        Map<String, Long> checksums = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            String tables = String.join(", ", SchemaCatalog.of(c).tableNames().stream().map(Identifiers::quote).toList());
            try (ResultSet rs = s.executeQuery("CHECKSUM TABLE " + tables)) {
                while (rs.next()) {
                    checksums.put(rs.getString(1).substring(rs.getString(1).indexOf('.') + 1), rs.getLong(2));
                }
            }
        }
        return checksums;
    }
}
