package fr.esup.podmigrate.pod;

/**
 * A v2 sites many-to-many that v3 turned into a site foreign key: {@code table.siteColumn} takes its value
 * from {@code v2LinkTable} (rows joined on {@code v2LinkColumn}).
 */
public record SiteLink(String table, String siteColumn, String v2LinkTable, String v2LinkColumn) {
}
