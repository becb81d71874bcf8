package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan of a complete v2 script (every column of every v2 table) against the real v3 schemas. */
class PodImportPlannerIT {

    @Test
    void aV291ScriptIntoA384TargetRenamesTheEncodingTablesAndFillsEveryNewColumn() throws Exception {
        Map<String, TablePlan> plan = plan(PodVersion.V2_9_1, PodVersion.V3_8_4);

        assertThat(plan.get("video_videorendition")).satisfies(t -> {
            assertThat(t.fate()).isEqualTo(TablePlan.Fate.RENAMED);
            assertThat(t.targetTable()).isEqualTo("video_encode_transcript_videorendition");
            assertThat(t.filledColumns()).extracting(TablePlan.ColumnChange::column, TablePlan.ColumnChange::expression)
                    .contains(org.assertj.core.groups.Tuple.tuple("encoding_resolution_threshold", "0"));
        });
        assertThat(plan.get("video_encodingvideo").targetTable()).isEqualTo("video_encode_transcript_encodingvideo");
        assertThat(plan.get("video_channel").filledColumns()).extracting(TablePlan.ColumnChange::column).contains("site_id");
        assertThat(plan.get("video_video").droppedColumns()).extracting(TablePlan.ColumnChange::column)
                .containsExactlyInAnyOrder("title_nl", "description_nl");
        assertThat(plan.get("video_video").convertedColumns()).extracting(TablePlan.ColumnChange::expression)
                .containsExactly("IF({transcript}, {main_lang}, '')");
        assertThat(plan.get("playlist_playlist").convertedColumns()).extracting(TablePlan.ColumnChange::expression)
                .as("NOT NULL from 3.4").containsExactly("COALESCE({description}, '')");
        assertThat(plan.get("django_migrations").fate()).isEqualTo(TablePlan.Fate.EXCLUDED);
        assertThat(plan.get("live_broadcaster").fate()).isEqualTo(TablePlan.Fate.EXCLUDED);
        assertThat(plan.get("live_broadcaster").note()).isEqualTo("recreated-by-hand");
        assertThat(plan.get("video_channel_sites")).extracting(TablePlan::fate, TablePlan::note, TablePlan::noteArgument)
                .containsExactly(TablePlan.Fate.NO_V3_HOME, "becomes-column", "video_channel.site_id");
        assertThat(plan.values()).filteredOn(TablePlan::imported)
                .allSatisfy(t -> assertThat(t.unfilledColumns()).as(t.scriptTable()).isEmpty());
    }

    @Test
    void aV293ScriptIntoA305TargetKeepsV2NamesAndBuildsEventDatetimes() throws Exception {
        Map<String, TablePlan> plan = plan(PodVersion.V2_9_3, PodVersion.V3_0_5);

        assertThat(plan.get("video_videorendition").fate()).isEqualTo(TablePlan.Fate.IMPORTED);
        assertThat(plan.get("video_videorendition").filledColumns()).isEmpty();
        assertThat(plan.get("video_video").convertedColumns()).as("3.0.5 keeps transcript as a flag").isEmpty();
        assertThat(plan.get("playlist_playlist").convertedColumns())
                .as("3.0.5's description is nullable: its NULLs stay NULL").isEmpty();
        TablePlan events = plan.get("live_event");
        assertThat(events.droppedColumns()).extracting(TablePlan.ColumnChange::column)
                .contains("start_time", "end_time");
        assertThat(events.convertedColumns()).extracting(TablePlan.ColumnChange::expression)
                .containsExactly("TIMESTAMP({start_date}, {start_time})");
        assertThat(events.filledColumns()).extracting(TablePlan.ColumnChange::expression)
                .contains("TIMESTAMP({start_date}, {end_time})");
        assertThat(plan.values()).filteredOn(TablePlan::imported)
                .allSatisfy(t -> assertThat(t.unfilledColumns()).as(t.scriptTable()).isEmpty());
    }

    @Test
    void aFieldV3TranslatesGetsItsDefaultLanguageColumnWhereTheTargetHasOne() throws Exception {
        assertThat(plan(PodVersion.V2_9_3, PodVersion.V3_8_4).get("main_additionalchanneltab").filledColumns())
                .extracting(TablePlan.ColumnChange::column, TablePlan.ColumnChange::expression)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("name_fr", "{name}"));
        assertThat(plan(PodVersion.V2_9_3, PodVersion.V3_0_5).get("main_additionalchanneltab").filledColumns())
                .as("3.0.5 does not translate it").isEmpty();
        assertThat(plan(PodVersion.V2_9_1, PodVersion.V3_8_4).get("video_video").filledColumns())
                .as("v2 already translates video titles").extracting(TablePlan.ColumnChange::column)
                .doesNotContain("title_fr");
    }

    @Test
    void cachesAreLeftOutUnlessIncludedAndTablesNoModelReadsAreNamed() throws Exception {
        Map<String, TablePlan> plan = plan(PodVersion.V2_9_3, PodVersion.V3_0_5);
        for (String table : List.of("django_session", "captcha_captchastore", "thumbnail_kvstore", "live_heartbeat",
                "live_broadcaster_viewers")) {
            assertThat(plan.get(table).fate()).as(table).isEqualTo(TablePlan.Fate.EPHEMERAL);
            assertThat(plan.get(table).imported()).isFalse();
        }
        assertThat(plan.get("django_session").note()).isEqualTo("sessions");
        assertThat(plan.get("authentication_accessgroup_users")).satisfies(t -> {
            assertThat(t.fate()).isEqualTo(TablePlan.Fate.UNREAD);
            assertThat(t.imported()).isTrue();
            assertThat(t.note()).isEqualTo("authentication_owner_accessgroups");
        });

        Map<String, TablePlan> included = plan(PodVersion.V2_9_3, PodVersion.V3_8_4, true);
        assertThat(included.get("django_session").fate()).isEqualTo(TablePlan.Fate.IMPORTED);
        assertThat(included.get("live_heartbeat").droppedColumns()).extracting(TablePlan.ColumnChange::column)
                .containsExactly("broadcaster_id");
        assertThat(included.get("live_broadcaster_viewers")).as("gone in 3.1")
                .extracting(TablePlan::fate, TablePlan::note, TablePlan::noteArgument)
                .containsExactly(TablePlan.Fate.NO_V3_HOME, "dropped", "3.1.0");
    }

    @Test
    void tablesV3DoesNotKnowAreReportedNotCreated() throws Exception {
        try (PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_0_5); Connection c = v3.connect()) {
            List<TablePlan> plan = PodImportPlanner.plan(List.of(new ScriptTableFacts("my_custom_table", 2, 10,
                    List.of("id", "name"), true, 0, 0)), TargetSchema.read(c), false);
            assertThat(plan).singleElement().extracting(TablePlan::fate).isEqualTo(TablePlan.Fate.MISSING_IN_V3);
        }
    }

    @Test
    void templatesNameTheRowsOwnValues() {
        assertThat(PodImportPlanner.template("IF(visible, 'public', 'private')", List.of("visible")))
                .isEqualTo("IF({visible}, 'public', 'private')");
        assertThat(PodImportPlanner.template("COALESCE(description, '')", List.of("description")))
                .isEqualTo("COALESCE({description}, '')");
    }

    private static Map<String, TablePlan> plan(PodVersion source, PodVersion target) throws Exception {
        return plan(source, target, false);
    }

    private static Map<String, TablePlan> plan(PodVersion source, PodVersion target, boolean includeEphemeral)
            throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.schemaOnly(source); PodTestDatabase v3 = PodTestDatabase.blank(target);
             Connection v2c = v2.connect(); Connection v3c = v3.connect()) {
            TargetSchema v2Schema = TargetSchema.read(v2c);
            List<ScriptTableFacts> facts = v2Schema.tables().entrySet().stream()
                    .map(e -> new ScriptTableFacts(e.getKey(), 3, 100,
                            e.getValue().stream().map(TargetSchema.TargetColumn::name).toList(), true, 0, 0))
                    .toList();
            return PodImportPlanner.plan(facts, TargetSchema.read(v3c), includeEphemeral).stream()
                    .collect(Collectors.toMap(TablePlan::scriptTable, Function.identity()));
        }
    }
}
