package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.pod.DroppedColumn;
import fr.esup.podmigrate.pod.EphemeralTable;
import fr.esup.podmigrate.pod.ExcludedTable;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.TableRename;
import fr.esup.podmigrate.pod.TableWithoutHome;
import fr.esup.podmigrate.pod.UnreadTable;
import fr.esup.podmigrate.pod.V3ColumnValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides, from what a podv2.sql holds and what the v3 target is, what the import does with each table: the
 * v2→v3 renames the target's shape needs, the excluded and ephemeral tables, the tables no model reads, the columns
 * v3 dropped, the values of v3's new NOT NULL columns and of its new translation columns, the converted ones. All Pod
 * facts come from {@link PodMigrationRules}.
 */
final class PodImportPlanner {

    private PodImportPlanner() {
    }

    /** @param includeEphemeral import the caches and short-lived tables too, as the procedure did */
    static List<TablePlan> plan(List<ScriptTableFacts> scriptTables, TargetSchema target, boolean includeEphemeral) {
        Map<String, String> renames = PodMigrationRules.renamesFor(target.tableNames()).stream()
                .collect(Collectors.toMap(TableRename::v2Table, TableRename::v3Table));
        Map<String, ExcludedTable> excluded = PodMigrationRules.EXCLUDED_TABLES.stream()
                .collect(Collectors.toMap(ExcludedTable::table, Function.identity()));
        Map<String, TableWithoutHome> withoutHome = PodMigrationRules.tablesWithoutHome(target.tableNames()).stream()
                .collect(Collectors.toMap(TableWithoutHome::v2Table, Function.identity()));
        Map<String, EphemeralTable> ephemeral = includeEphemeral ? Map.of() : PodMigrationRules.EPHEMERAL_TABLES.stream()
                .collect(Collectors.toMap(EphemeralTable::table, Function.identity()));
        Map<String, UnreadTable> unread = PodMigrationRules.UNREAD_TABLES.stream()
                .collect(Collectors.toMap(UnreadTable::table, Function.identity()));
        List<TablePlan> plans = new ArrayList<>();
        for (ScriptTableFacts facts : scriptTables) {
            String name = facts.table();
            if (excluded.containsKey(name)) {
                plans.add(unimported(facts, TablePlan.Fate.EXCLUDED, key(excluded.get(name).reason()), ""));
            } else if (ephemeral.containsKey(name)) {
                plans.add(unimported(facts, TablePlan.Fate.EPHEMERAL, ephemeral.get(name).reason().key(), ""));
            } else if (unread.containsKey(name) && target.has(name)) {
                TablePlan copied = imported(facts, name, target);
                plans.add(new TablePlan(name, name, TablePlan.Fate.UNREAD, unread.get(name).through(), "", copied.statements(),
                        copied.rows(), copied.droppedColumns(), copied.filledColumns(), copied.convertedColumns(),
                        copied.unfilledColumns(), copied.positionalInserts(), copied.replacesRows()));
            } else if (renames.containsKey(name) || target.has(name)) {
                plans.add(imported(facts, renames.getOrDefault(name, name), target));
            } else if (withoutHome.containsKey(name)) {
                TableWithoutHome gone = withoutHome.get(name);
                plans.add(unimported(facts, TablePlan.Fate.NO_V3_HOME, key(gone.fate()), switch (gone.fate()) {
                    case BECOMES_COLUMN -> gone.destination();
                    case DROPPED -> gone.goneIn();
                }));
            } else {
                plans.add(unimported(facts, TablePlan.Fate.MISSING_IN_V3, "", ""));
            }
        }
        return plans;
    }

    /** A message key's last part for {@code value}: {@code RECREATED_BY_HAND} is {@code recreated-by-hand}. */
    private static String key(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static TablePlan unimported(ScriptTableFacts facts, TablePlan.Fate fate, String note, String noteArgument) {
        return new TablePlan(facts.table(), "", fate, note, noteArgument, facts.statements(), facts.rows(), List.of(), List.of(),
                List.of(), List.of(), facts.positionalInserts(), facts.replacesRows());
    }

    private static TablePlan imported(ScriptTableFacts facts, String targetTable, TargetSchema target) {
        Set<String> scriptColumns = facts.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<TablePlan.ColumnChange> dropped = new ArrayList<>();
        for (String column : facts.columns()) {
            if (target.column(targetTable, column).isEmpty()) {
                dropped.add(new TablePlan.ColumnChange(column, "", droppedWhy(facts.table(), column)));
            }
        }
        List<TablePlan.ColumnChange> filled = new ArrayList<>();
        List<String> unfilled = new ArrayList<>();
        for (TargetSchema.TargetColumn column : target.tables().get(targetTable)) {
            if (!column.required() || scriptColumns.contains(column.name().toLowerCase(Locale.ROOT)) || facts.columns().isEmpty()) {
                continue;
            }
            Optional<V3ColumnValue> value = PodMigrationRules.newNotNullValue(targetTable, column.name())
                    .filter(v -> scriptColumns.containsAll(lower(v.v2Columns())));
            if (value.isPresent()) {
                filled.add(change(value.get()));
            } else {
                unfilled.add(column.name());
            }
        }
        for (V3ColumnValue translation : PodMigrationRules.TRANSLATION_COLUMNS) {
            // A v2 that already translates the field, or a target that does not, keeps the script's values.
            boolean applies = translation.table().equals(targetTable) && target.column(targetTable, translation.column()).isPresent()
                    && !scriptColumns.contains(translation.column().toLowerCase(Locale.ROOT)) && !facts.columns().isEmpty()
                    && scriptColumns.containsAll(lower(translation.v2Columns()));
            if (applies) {
                filled.add(change(translation));
            }
        }
        List<TablePlan.ColumnChange> converted = new ArrayList<>();
        for (V3ColumnValue conversion : PodMigrationRules.CONVERTED_COLUMNS) {
            Optional<TargetSchema.TargetColumn> column = target.column(targetTable, conversion.column());
            // A numeric v3 column keeps v2's numeric value: the conversion is for targets where the type changed;
            // a rule for a column that became NOT NULL leaves alone a target where it is still nullable.
            boolean applies = conversion.table().equals(targetTable) && column.isPresent() && !column.get().numeric()
                    && !(conversion.forNotNull() && column.get().nullable())
                    && scriptColumns.contains(conversion.column().toLowerCase(Locale.ROOT))
                    && scriptColumns.containsAll(lower(conversion.v2Columns()));
            if (applies) {
                converted.add(change(conversion));
            }
        }
        TablePlan.Fate fate = targetTable.equals(facts.table()) ? TablePlan.Fate.IMPORTED : TablePlan.Fate.RENAMED;
        return new TablePlan(facts.table(), targetTable, fate, "", "", facts.statements(), facts.rows(), List.copyOf(dropped),
                List.copyOf(filled), List.copyOf(converted), List.copyOf(unfilled), facts.positionalInserts(),
                facts.replacesRows());
    }

    private static String droppedWhy(String table, String column) {
        return PodMigrationRules.droppedColumn(table, column).map(PodImportPlanner::describe).orElse("");
    }

    private static String describe(DroppedColumn dropped) {
        return "Pod " + dropped.droppedIn() + (dropped.becomesIn().isEmpty() ? "" : " → " + dropped.becomesIn());
    }

    private static TablePlan.ColumnChange change(V3ColumnValue value) {
        return new TablePlan.ColumnChange(value.column(), template(value.expression(), value.v2Columns()), value.why());
    }

    /** The importer's value template for an expression over v2 columns: each column becomes {@code {column}}. */
    static String template(String expression, List<String> v2Columns) {
        String result = expression;
        for (String column : v2Columns) {
            result = Pattern.compile("(?<![\\w{'])" + Pattern.quote(column) + "(?![\\w}'])")
                    .matcher(result).replaceAll(Matcher.quoteReplacement("{" + column + "}"));
        }
        return result;
    }

    private static Set<String> lower(List<String> columns) {
        Set<String> lowered = new HashSet<>();
        columns.forEach(c -> lowered.add(c.toLowerCase(Locale.ROOT)));
        return lowered;
    }
}
