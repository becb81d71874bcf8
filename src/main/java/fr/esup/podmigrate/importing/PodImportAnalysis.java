package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.pod.PodSchemas;
import fr.esup.podmigrate.sql.load.ImportOptions;
import fr.esup.podmigrate.sql.load.InsertRewrite;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A podv2.sql read once and, when a target is known, planned against it: per table what the import will do,
 * and the problems found. Blocking problems stop the import before anything runs.
 *
 * @param target           the v3 target's schema, or null when the analysis ran without a target
 * @param ephemeralIncluded the plan imports the caches and short-lived tables, which it leaves out by default
 */
public record PodImportAnalysis(String scriptName, ScriptAnalysis script, TargetSchema target, List<TablePlan> tables,
                                List<PlanProblem> problems, Set<String> allowedUseDatabases, boolean ephemeralIncluded) {

    public boolean blocked() {
        return problems.stream().anyMatch(PlanProblem::blocking);
    }

    public List<PlanProblem> blocking() {
        return problems.stream().filter(PlanProblem::blocking).toList();
    }

    public List<PlanProblem> warnings() {
        return problems.stream().filter(p -> !p.blocking()).toList();
    }

    public long rows() {
        return tables.stream().mapToLong(TablePlan::rows).sum();
    }

    /**
     * The importer's options that carry out this plan: renames, exclusions, column rewrites, the kept structure, the
     * source database's section alone, and INSERT IGNORE as the procedure exports them, so that a row colliding with
     * a v3 key costs that row only.
     */
    public ImportOptions.Builder importOptions() {
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, InsertRewrite> rewrites = new LinkedHashMap<>();
        Set<String> excluded = new LinkedHashSet<>();
        Set<String> emptiedFirst = new LinkedHashSet<>();
        for (TablePlan table : tables) {
            if (!table.imported()) {
                excluded.add(table.scriptTable());
                continue;
            }
            if (fillsWithoutEmptying(table, script)) {
                emptiedFirst.add(table.targetTable());
            }
            if (table.fate() == TablePlan.Fate.RENAMED) {
                renames.put(table.scriptTable(), table.targetTable());
            }
            Set<String> drop = table.droppedColumns().stream().map(TablePlan.ColumnChange::column).collect(Collectors.toSet());
            Map<String, String> set = new LinkedHashMap<>();
            table.convertedColumns().forEach(c -> set.put(c.column(), c.expression()));
            table.filledColumns().forEach(c -> set.put(c.column(), c.expression()));
            if (!drop.isEmpty() || !set.isEmpty()) {
                // Pod's values give the same from bytes: PodValuesFromBytesIT evaluates each both ways
                rewrites.put(table.scriptTable(), new InsertRewrite(drop, set, true));
            }
        }
        return ImportOptions.builder()
                .tableRenames(renames)
                .excludedTables(excluded)
                .keepTargetStructure(true)
                .targetTables(target.tableNames())
                .columnListsFromCreateTable(true)
                .positionalColumns(PodSchemas.v2ColumnOrder())
                .emptiedFirst(emptiedFirst)
                .insertRewrites(rewrites)
                .ignoreDuplicates(true)
                .allowedUseDatabases(allowedUseDatabases)
                .sourceDatabase(script.sourceDatabase());
    }

    /**
     * Whether the script gives an imported table's rows without emptying it itself (no DROP, CREATE or TRUNCATE TABLE:
     * a dump of data alone, an export without its truncation): as the procedure empties every v3 table first, the
     * import empties it as it starts, so that its rows are v2's, as a whole dump's are.
     */
    static boolean fillsWithoutEmptying(TablePlan table, ScriptAnalysis script) {
        ScriptAnalysis.TableAnalysis facts = script.tables().get(table.scriptTable());
        return table.imported() && table.rows() > 0 && !table.replacesRows() && facts != null && !facts.truncate();
    }

    /**
     * Whether the import leaves none of an imported table's rows of before: the script drops, creates or truncates
     * it, or gives it rows, for which the import empties it as it starts.
     */
    static boolean replacesTargetRows(TablePlan table, ScriptAnalysis script) {
        ScriptAnalysis.TableAnalysis facts = script.tables().get(table.scriptTable());
        return table.imported() && (table.replacesRows() || table.rows() > 0 || (facts != null && facts.truncate()));
    }
}
