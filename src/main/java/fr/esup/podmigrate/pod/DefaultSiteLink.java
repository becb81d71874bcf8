package fr.esup.podmigrate.pod;

/**
 * A sites many-to-many that Pod's post-migrate {@code set_default_site} fills with the current site for rows
 * linked to none. After an SQL import nothing runs it. Names are v2's: the renames apply to them.
 */
public record DefaultSiteLink(String table, String linkTable, String linkColumn) {
}
