package fr.esup.podmigrate.sitefix;

/** An applied site fix: the rows it had to change, the rows it changed, the rows still to change after it. */
public record FixOutcome(String key, FixKind kind, String table, String column, long before, long changed, long after) {
}
