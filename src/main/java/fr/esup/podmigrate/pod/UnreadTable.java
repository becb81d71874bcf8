package fr.esup.podmigrate.pod;

/**
 * A table every Pod schema holds that no model reads: the many-to-many field it was made for goes through another
 * table, so rows found there show on no page, in v2 as in v3.
 *
 * @param field   the model field it looks like it serves, {@code Model.field}
 * @param through the table that field really reads
 */
public record UnreadTable(String table, String field, String through) {
}
