package fr.esup.podmigrate.sql.script;

import java.util.List;
import java.util.Optional;

/** What a script's CREATE TABLE says, for readers outside the importer: its columns, in order. */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    /**
     * The column names of a CREATE TABLE, in order (keys, constraints and checks left out): what a positional
     * INSERT's values stand for. Empty for a CREATE TABLE without definitions ({@code LIKE}, {@code AS SELECT}).
     */
    public static Optional<List<String>> columns(String createTable) {
        return Optional.ofNullable(StatementParts.createTable(createTable).columns());
    }
}
