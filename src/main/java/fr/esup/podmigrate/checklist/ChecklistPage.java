package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.OrphanedKey;

import java.util.List;

/**
 * What the checklist page shows.
 *
 * @param v2Origin where the v2 rows of the re-created tables are read, null when there is nowhere to read them
 */
public record ChecklistPage(List<Item> items, V2Origin v2Origin) {

    public long ticked() {
        return items.stream().filter(Item::ticked).count();
    }

    /**
     * A table the operator checks by hand after the import.
     *
     * @param rows        null when v3 lacks the table
     * @param tick        who checked it and when, null until someone does
     * @param flatpages   for the static pages table, its pages; else null
     * @param recreation  for a table the import leaves out, its v2 rows to re-create; else null
     */
    public record Item(String table, Long rows, List<OrphanedKey> orphans, ChecklistStore.Tick tick,
                       List<Flatpage> flatpages, Recreation recreation) {

        public boolean ticked() {
            return tick != null;
        }

        public long unlinkedFlatpages() {
            return flatpages == null ? 0 : flatpages.stream().filter(page -> !page.linked()).count();
        }
    }

    /** A static page: its URL, title and the domains of its sites (empty when linked to no site). */
    public record Flatpage(long id, String url, String title, String sites) {

        public boolean linked() {
            return !sites.isEmpty();
        }
    }
}
