package fr.esup.podmigrate.pod;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static fr.esup.podmigrate.pod.PodVersion.V2_9_1;
import static fr.esup.podmigrate.pod.PodVersion.V2_9_3;
import static fr.esup.podmigrate.pod.PodVersion.V3_0_5;
import static fr.esup.podmigrate.pod.PodVersion.V3_8_4;
import static org.assertj.core.api.Assertions.assertThat;

/** The v2→v3 knowledge checked against the real schemas, loaded into the test server. */
class PodMigrationRulesIT {

    private static final List<PodVersion> V2 = List.of(V2_9_1, V2_9_3);
    private static final List<PodVersion> V3 = List.of(V3_0_5, V3_8_4);
    private static final Map<PodVersion, SchemaCatalog> SCHEMAS = new EnumMap<>(PodVersion.class);
    /** The content types a fresh {@code migrate} of each release leaves. */
    private static final Map<PodVersion, Set<DjangoModels.Model>> CONTENT_TYPES = new EnumMap<>(PodVersion.class);

    @BeforeAll
    static void loadTheFourSchemas() throws SQLException {
        for (PodVersion version : PodVersion.values()) {
            try (PodTestDatabase db = PodTestDatabase.blank(version); Connection c = db.connect()) {
                SCHEMAS.put(version, SchemaCatalog.of(c));
                Set<DjangoModels.Model> contentTypes = new HashSet<>();
                try (var rs = c.createStatement().executeQuery("SELECT app_label, model FROM django_content_type")) {
                    while (rs.next()) {
                        contentTypes.add(new DjangoModels.Model(rs.getString(1), rs.getString(2)));
                    }
                }
                CONTENT_TYPES.put(version, contentTypes);
            }
        }
    }

    @Test
    void aPod38TargetNeedsTheSevenEncodingRenamesAndThePlaylistConversion() {
        List<TableRename> renames = PodMigrationRules.renamesFor(tables(V3_8_4));
        assertThat(renames).extracting(TableRename::v2Table).containsExactlyInAnyOrder("video_encodingvideo",
                "video_encodingaudio", "video_encodinglog", "video_encodingstep", "video_playlistvideo",
                "video_videorendition", "video_videorendition_sites", "playlist_playlistelement");
        for (TableRename rename : renames) {
            assertThat(tables(V3_8_4)).contains(rename.v3Table()).doesNotContain(rename.v2Table());
            for (PodVersion keepsTheV2Name : List.of(V2_9_1, V2_9_3, V3_0_5)) {
                assertThat(tables(keepsTheV2Name)).as(keepsTheV2Name.label()).contains(rename.v2Table());
            }
        }
    }

    @Test
    void aPod30TargetNeedsOnlyTheBbbRename() {
        assertThat(PodMigrationRules.renamesFor(tables(V3_0_5)))
                .containsExactly(new TableRename("bbb_meeting", "bbb_bbb_meeting", Set.of(TargetShape.values())));
        assertThat(tables(V2_9_1)).contains("bbb_meeting");
    }

    @Test
    void renamedTablesKeepEveryV2ColumnButTheDroppedOnes() {
        for (PodVersion target : V3) {
            for (TableRename rename : PodMigrationRules.renamesFor(tables(target))) {
                for (PodVersion source : V2) {
                    Set<String> kept = new HashSet<>(columns(source, rename.v2Table()));
                    PodMigrationRules.DROPPED_COLUMNS.stream().filter(d -> d.table().equals(rename.v2Table()))
                            .forEach(d -> kept.remove(d.column()));
                    assertThat(columns(target, rename.v3Table())).as(rename + " from " + source).containsAll(kept);
                }
            }
        }
    }

    @Test
    void droppedColumnsExistInV2AndNotInTheV3sWithoutThem() {
        for (DroppedColumn dropped : PodMigrationRules.DROPPED_COLUMNS) {
            assertThat(V2.stream().anyMatch(v -> has(v, dropped.table(), dropped.column()))).as(dropped + " in v2").isTrue();
            assertThat(has(V3_8_4, dropped.table(), dropped.column())).as(dropped + " in 3.8.4").isFalse();
            boolean goneBy305 = dropped.droppedIn().compareTo(V3_0_5.label()) <= 0;
            assertThat(has(V3_0_5, dropped.table(), dropped.column())).as(dropped + " in 3.0.5").isEqualTo(!goneBy305);
            if (!dropped.becomesIn().isEmpty()) {
                String[] destination = dropped.becomesIn().split("\\.");
                assertThat(has(V3_8_4, destination[0], destination[1])).as(dropped.becomesIn()).isTrue();
            }
        }
    }

    @Test
    void everyV2ColumnMissingFromATargetIsAKnownDroppedColumn() {
        Set<String> known = PodMigrationRules.DROPPED_COLUMNS.stream()
                .map(d -> d.table() + "." + d.column()).collect(Collectors.toSet());
        Set<String> missing = landings().stream()
                .flatMap(l -> columns(l.source(), l.v2Table()).stream()
                        .filter(c -> !has(l.target(), l.v3Table(), c)).map(c -> l.v2Table() + "." + c))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).isNotEmpty();
        assertThat(known).containsAll(missing);
    }

    @Test
    void everyNewNotNullColumnWithoutDefaultHasItsValue() {
        Set<String> needingValue = landings().stream()
                .flatMap(l -> SCHEMAS.get(l.target()).tables().get(l.v3Table()).entrySet().stream()
                        .filter(c -> !c.getValue().nullable() && !c.getValue().hasDefault())
                        .filter(c -> !has(l.source(), l.v2Table(), c.getKey()))
                        .map(c -> l.v3Table() + "." + c.getKey()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(needingValue).isNotEmpty().allSatisfy(tableColumn -> assertThat(PodMigrationRules
                .newNotNullValue(tableColumn.split("\\.")[0], tableColumn.split("\\.")[1])).isPresent());
    }

    @Test
    void theSharedNotNullListIsCovered() {
        for (String line : SchemaCatalog.lines("/pod-schema/v3-notnull-new-columns.txt")) {
            if (line.startsWith("#") || line.startsWith("target_table")) {
                continue;
            }
            String[] fields = line.split(",");
            assertThat(PodMigrationRules.newNotNullValue(fields[0], fields[1])).as(line).isPresent();
        }
    }

    @Test
    void eachNewNotNullValueNamesARealV3ColumnAndRealV2Columns() {
        for (V3ColumnValue value : PodMigrationRules.NEW_NOT_NULL_COLUMNS) {
            List<SchemaCatalog.Column> columns = V3.stream().filter(v -> has(v, value.table(), value.column()))
                    .map(v -> SCHEMAS.get(v).column(value.table(), value.column())).toList();
            if (columns.isEmpty()) {
                // Pod 3.1 and 3.2 only (no fixture): the column exists under the 3.3+ name of its table.
                TableRename rename = PodMigrationRules.renamesFor(tables(V3_8_4)).stream()
                        .filter(r -> r.v2Table().equals(value.table())).findFirst().orElseThrow();
                assertThat(has(V3_8_4, rename.v3Table(), value.column())).as(value.toString()).isTrue();
            } else {
                assertThat(columns).as(value.toString()).anyMatch(c -> !c.nullable() && !c.hasDefault());
            }
            assertV2ColumnsExist(value);
        }
    }

    @Test
    void convertedColumnsExistOnBothSidesAndChangeShape() {
        for (V3ColumnValue value : PodMigrationRules.CONVERTED_COLUMNS) {
            SchemaCatalog.Column v3 = SCHEMAS.get(V3_8_4).column(value.table(), value.column());
            SchemaCatalog.Column v2 = SCHEMAS.get(V2_9_3).column(value.table(), value.column());
            assertThat(v3).as(value.toString()).isNotNull().isNotEqualTo(v2);
            assertV2ColumnsExist(value);
        }
    }

    @Test
    void tablesWithoutHomeAreExactlyTheV2TablesATargetLacks() {
        for (PodVersion target : V3) {
            Set<String> homeless = PodMigrationRules.tablesWithoutHome(tables(target)).stream()
                    .map(TableWithoutHome::v2Table).collect(Collectors.toSet());
            for (PodVersion source : V2) {
                Set<String> lacking = new TreeSet<>(tables(source));
                lacking.removeAll(tables(target));
                lacking.removeAll(renameMap(target).keySet());
                Set<String> expected = new TreeSet<>(homeless);
                expected.retainAll(tables(source));
                assertThat(lacking).as(source + " to " + target).isEqualTo(expected);
            }
        }
        for (TableWithoutHome table : PodMigrationRules.tablesWithoutHome(tables(V3_8_4))) {
            switch (table.fate()) {
                case BECOMES_COLUMN -> assertThat(has(V3_8_4, table.destination().split("\\.")[0],
                        table.destination().split("\\.")[1])).as(table.toString()).isTrue();
                case DROPPED -> assertThat(table.destination()).isEmpty();
            }
        }
    }

    @Test
    void theFieldsV3TranslatesAreExactlyTheNewLanguageColumnsBesideAV2Column() {
        Set<String> found = landings().stream()
                .flatMap(l -> columns(l.target(), l.v3Table()).stream()
                        .filter(c -> c.endsWith("_" + PodMigrationRules.DEFAULT_LANGUAGE))
                        .map(c -> c.substring(0, c.length() - 3))
                        .filter(field -> has(l.target(), l.v3Table(), field) && has(l.source(), l.v2Table(), field)
                                && !has(l.source(), l.v2Table(), field + "_" + PodMigrationRules.DEFAULT_LANGUAGE))
                        .map(field -> l.v3Table() + "." + field))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).isEqualTo(PodMigrationRules.FIELDS_TRANSLATED_IN_V3.stream()
                .map(f -> f.table() + "." + f.field()).collect(Collectors.toCollection(TreeSet::new)));
        for (TranslatedField field : PodMigrationRules.FIELDS_TRANSLATED_IN_V3) {
            assertThat(has(V3_8_4, field.table(), field.field() + "_en")).as(field.toString()).isTrue();
            assertThat(has(V3_0_5, field.table(), field.defaultLanguageColumn())).as("3.0.5 predates " + field).isFalse();
        }
        assertThat(PodMigrationRules.TRANSLATION_COLUMNS).extracting(V3ColumnValue::table, V3ColumnValue::column,
                        V3ColumnValue::expression)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("main_additionalchanneltab", "name_fr", "name"));
    }

    @Test
    void unreadTablesAndTheTablesTheirFieldReadsAreInEverySchema() {
        for (UnreadTable unread : PodMigrationRules.UNREAD_TABLES) {
            for (PodVersion version : PodVersion.values()) {
                assertThat(tables(version)).as(version.label()).contains(unread.table(), unread.through());
            }
        }
    }

    @Test
    void ephemeralTablesAreV2TablesAndTheirLinksPointAtTablesTheImportLeavesOut() {
        Set<String> excluded = PodMigrationRules.EXCLUDED_TABLES.stream().map(ExcludedTable::table).collect(Collectors.toSet());
        for (EphemeralTable ephemeral : PodMigrationRules.EPHEMERAL_TABLES) {
            for (PodVersion source : V2) {
                assertThat(tables(source)).as(source.label()).contains(ephemeral.table());
                if (!ephemeral.linkColumn().isEmpty()) {
                    assertThat(has(source, ephemeral.table(), ephemeral.linkColumn())).as(ephemeral.toString()).isTrue();
                    assertThat(excluded).contains(ephemeral.linkedTable());
                }
            }
        }
        assertThat(has(V3_8_4, "live_heartbeat", "broadcaster_id")).as("from 3.1, a heartbeat points at an event").isFalse();
    }

    @Test
    void eachSchemasTablesNameExactlyTheModelsItsContentTypesName() {
        Set<DjangoModels.Model> proxies = Set.of(new DjangoModels.Model("authtoken", "tokenproxy"));
        for (PodVersion version : PodVersion.values()) {
            Set<DjangoModels.Model> models = tables(version).stream().map(DjangoModels::of).flatMap(Optional::stream)
                    .collect(Collectors.toSet());
            Set<DjangoModels.Model> withoutTable = new HashSet<>(CONTENT_TYPES.get(version));
            withoutTable.removeAll(models);
            assertThat(CONTENT_TYPES.get(version)).as(version.label()).containsAll(models);
            assertThat(proxies).as(version.label() + ": content types without a table").containsAll(withoutTable);
            assertThat(DjangoModels.withoutContentType(tables(version), CONTENT_TYPES.get(version))).isEmpty();
        }
        Set<String> everyTable = Stream.of(PodVersion.values()).flatMap(v -> tables(v).stream()).collect(Collectors.toSet());
        assertThat(everyTable).containsAll(DjangoModels.TABLES_WITHOUT_MODEL).containsAll(DjangoModels.TABLES_NAMED_OTHERWISE.keySet());
    }

    @Test
    void aV2ContentTypeTableLeavesV3sNewModelsWithoutOne() {
        List<DjangoModels.Model> missing = DjangoModels.withoutContentType(tables(V3_8_4), CONTENT_TYPES.get(V2_9_3));
        assertThat(missing).contains(new DjangoModels.Model("video_encode_transcript", "encodingvideo"),
                new DjangoModels.Model("dressing", "dressing"), new DjangoModels.Model("meeting", "meeting"));
        assertThat(missing).extracting(DjangoModels.Model::model).doesNotContain("accessgroup_users", "video_sites");
    }

    @Test
    void siteLinksBecomeTheV3SiteColumn() {
        for (SiteLink link : PodMigrationRules.SITE_LINKS) {
            for (PodVersion source : V2) {
                assertThat(columns(source, link.v2LinkTable())).contains(link.v2LinkColumn(), PodMigrationRules.SITE_COLUMN);
                assertThat(has(source, link.table(), link.siteColumn())).isFalse();
            }
            for (PodVersion target : V3) {
                assertThat(has(target, link.table(), link.siteColumn())).as(link + " in " + target).isTrue();
                assertThat(tables(target)).doesNotContain(link.v2LinkTable());
            }
        }
    }

    @Test
    void defaultSiteLinksAndCheckedTablesExistInEveryVersion() {
        for (PodVersion version : PodVersion.values()) {
            Map<String, String> renames = version.isV2() ? Map.of() : renameMap(version);
            for (DefaultSiteLink link : PodMigrationRules.DEFAULT_SITE_LINKS) {
                assertThat(tables(version)).as(version.label())
                        .contains(renames.getOrDefault(link.table(), link.table()));
                assertThat(columns(version, renames.getOrDefault(link.linkTable(), link.linkTable())))
                        .as(version.label()).contains(link.linkColumn(), "site_id");
            }
            assertThat(tables(version)).containsAll(PodMigrationRules.EXCLUDED_TABLES.stream()
                    .map(ExcludedTable::table).toList());
            if (!version.isV2()) {
                assertThat(tables(version)).containsAll(PodMigrationRules.CHECKED_AFTER_IMPORT);
            }
        }
    }

    @Test
    void transcriptsAreFlagsUntil32AndLanguageCodesAfter() {
        assertThat(PodMigrationRules.CONVERTED_COLUMNS).containsAll(PodMigrationRules.TRANSCRIPT_COLUMNS);
        for (V3ColumnValue transcript : PodMigrationRules.TRANSCRIPT_COLUMNS) {
            for (PodVersion flags : List.of(V2_9_1, V2_9_3, V3_0_5)) {
                assertThat(SCHEMAS.get(flags).column(transcript.table(), transcript.column()).type())
                        .as(transcript + " in " + flags).isEqualTo("tinyint(1)");
            }
            assertThat(SCHEMAS.get(V3_8_4).column(transcript.table(), transcript.column()).type()).startsWith("varchar");
            assertThat(columns(V3_8_4, transcript.table())).containsAll(transcript.v2Columns());
        }
    }

    @Test
    void flatpagesAndTheirSitesLinkUseDjangosColumns() {
        for (PodVersion version : PodVersion.values()) {
            assertThat(columns(version, PodMigrationRules.FLATPAGE_SITES_TABLE)).as(version.label())
                    .contains(PodMigrationRules.SITE_COLUMN, PodMigrationRules.ID_COLUMN);
            assertThat(columns(version, PodMigrationRules.FLATPAGE_TABLE)).contains(PodMigrationRules.ID_COLUMN);
            assertThat(columns(version, PodMigrationRules.SITE_TABLE)).contains(PodMigrationRules.ID_COLUMN);
        }
    }

    @Test
    void eachSchemaIsRecognised() {
        assertThat(shapeOf(V2_9_1)).isEqualTo(new DatabaseShape(DatabaseKind.POD_V2, Optional.empty()));
        assertThat(shapeOf(V2_9_3)).isEqualTo(new DatabaseShape(DatabaseKind.POD_V2, Optional.empty()));
        assertThat(shapeOf(V3_0_5)).isEqualTo(new DatabaseShape(DatabaseKind.POD_V3, Optional.of(TargetShape.V3_0_TO_3_2)));
        assertThat(shapeOf(V3_8_4)).isEqualTo(new DatabaseShape(DatabaseKind.POD_V3, Optional.of(TargetShape.V3_3_PLUS)));
    }

    @Test
    void aV3WithLeftoverV2TablesOrNoMigrationRowsIsStillAV3() {
        Set<String> afterNaiveImport = new HashSet<>(tables(V3_0_5));
        afterNaiveImport.addAll(List.of("bbb_meeting", "video_channel_sites", "lti_provider_lticoursecontext"));
        assertThat(DatabaseShape.detect(afterNaiveImport, Set.of()).kind()).isEqualTo(DatabaseKind.POD_V3);
        assertThat(DatabaseShape.detect(tables(V3_8_4), Set.of()).v3Shape()).contains(TargetShape.V3_3_PLUS);
    }

    @Test
    void emptyAndForeignDatabasesAreNotPod() {
        assertThat(DatabaseShape.detect(Set.of(), Set.of()).kind()).isEqualTo(DatabaseKind.EMPTY);
        assertThat(DatabaseShape.detect(Set.of("wp_posts", "wp_users", "django_migrations"), Set.of("admin")).kind())
                .isEqualTo(DatabaseKind.OTHER);
    }

    private static void assertV2ColumnsExist(V3ColumnValue value) {
        String v2Table = PodMigrationRules.RENAMES.stream().filter(r -> r.v3Table().equals(value.table()))
                .map(TableRename::v2Table).findFirst().orElse(value.table());
        for (String column : value.v2Columns()) {
            assertThat(V2.stream().anyMatch(v -> has(v, v2Table, column))).as(value + ": v2 " + column).isTrue();
        }
    }

    /** A v2 table and the table its rows land in on a v3 target that has one. */
    private record Landing(PodVersion source, PodVersion target, String v2Table, String v3Table) {
    }

    private static List<Landing> landings() {
        List<Landing> landings = new ArrayList<>();
        for (PodVersion source : V2) {
            for (PodVersion target : V3) {
                Map<String, String> renames = renameMap(target);
                for (String table : tables(source)) {
                    String v3Table = renames.getOrDefault(table, table);
                    if (tables(target).contains(v3Table)) {
                        landings.add(new Landing(source, target, table, v3Table));
                    }
                }
            }
        }
        return landings;
    }

    private static DatabaseShape shapeOf(PodVersion version) {
        return DatabaseShape.detect(tables(version), SCHEMAS.get(version).migratedApps());
    }

    private static Map<String, String> renameMap(PodVersion target) {
        return PodMigrationRules.renamesFor(tables(target)).stream()
                .collect(Collectors.toMap(TableRename::v2Table, TableRename::v3Table));
    }

    private static Set<String> tables(PodVersion version) {
        return SCHEMAS.get(version).tableNames();
    }

    private static Set<String> columns(PodVersion version, String table) {
        return SCHEMAS.get(version).tables().getOrDefault(table, Map.of()).keySet();
    }

    private static boolean has(PodVersion version, String table, String column) {
        return SCHEMAS.get(version).hasColumn(table, column);
    }
}
