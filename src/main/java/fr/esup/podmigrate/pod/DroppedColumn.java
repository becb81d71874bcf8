package fr.esup.podmigrate.pod;

/**
 * A v2 column its v3 table no longer has: an INSERT naming it fails whole (error 1054), even with IGNORE.
 *
 * @param droppedIn   the first Pod release without the column
 * @param becomesIn   where v3 keeps that information ({@code table.column} or a table), empty when nowhere
 */
public record DroppedColumn(String table, String column, String droppedIn, String becomesIn) {
}
