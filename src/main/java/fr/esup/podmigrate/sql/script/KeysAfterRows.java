package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.SqlTokens.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A CREATE TABLE split in two: the table with its columns, primary key, unique keys and checks, and its other keys and
 * foreign keys, to be added once its rows are in. InnoDB then builds each such index in one sorted pass rather than
 * inserting into it row after row: measured on a Pod dump, the server's CPU of the whole import a sixth less.
 * Unique keys stay, so that a duplicate row meets the same refusal (or IGNORE) at the same place; so do checks.
 * A statement this does not read with certainty (an unnamed key, a FULLTEXT or SPATIAL key, a comment in its
 * definitions, a CREATE ... SELECT or LIKE) is not split.
 *
 * @param createTable the CREATE TABLE without the held keys
 * @param keys        the held keys, in the statement's order
 */
public record KeysAfterRows(String createTable, List<HeldKey> keys) {

    /**
     * A key held back.
     *
     * @param name       the index's name, or the foreign key constraint's
     * @param foreign    a foreign key (a constraint), else an index
     * @param definition as the statement writes it, such as {@code KEY `a` (`a`)}
     */
    public record HeldKey(String name, boolean foreign, String definition) {
    }

    private static final Set<String> HEAD_WORDS = Set.of("CREATE", "OR", "REPLACE", "TEMPORARY", "TABLE", "IF", "NOT",
            "EXISTS");
    /** First words of a definition that this cannot place again where it was. */
    private static final Set<String> UNSURE = Set.of("FULLTEXT", "SPATIAL", "VECTOR", "FOREIGN");
    /** What {@link #heldKey} says of a definition that leaves the statement unsplit. */
    private static final HeldKey UNSURE_KEY = new HeldKey("", false, "");

    public KeysAfterRows {
        keys = List.copyOf(keys);
    }

    /** The split of a CREATE TABLE, or null when it holds no key to build later or is not split with certainty. */
    public static KeysAfterRows of(String createTable) {
        SqlTokens tokens = new SqlTokens(createTable);
        tokens.nextPast(HEAD_WORDS);
        if (!tokens.isIdentifier()) {
            return null;
        }
        tokens.next();
        if (tokens.isSymbol('.')) {
            tokens.next();
            if (!tokens.isIdentifier()) {
                return null;
            }
            tokens.next();
        }
        if (!tokens.isSymbol('(') || createTable.indexOf("/*") >= 0) {
            return null;
        }
        int bodyStart = tokens.end();
        List<int[]> definitions = new ArrayList<>();
        int definitionStart = bodyStart;
        int bodyEnd = -1;
        while (tokens.next() != Type.END) {
            if (tokens.depth() == 0 && tokens.isSymbol(')')) {
                definitions.add(new int[] {definitionStart, tokens.start()});
                bodyEnd = tokens.start();
                break;
            }
            if (tokens.depth() == 1 && tokens.isSymbol(',')) {
                definitions.add(new int[] {definitionStart, tokens.start()});
                definitionStart = tokens.end();
            }
        }
        if (bodyEnd < 0) {
            return null;
        }
        while (tokens.next() != Type.END) {
            if (tokens.isWord("SELECT") || tokens.isWord("AS") || tokens.isWord("LIKE")) {
                return null;
            }
        }
        List<String> kept = new ArrayList<>();
        List<HeldKey> held = new ArrayList<>();
        for (int[] bounds : definitions) {
            String definition = createTable.substring(bounds[0], bounds[1]);
            HeldKey key = heldKey(definition.strip());
            if (key == UNSURE_KEY) {
                return null;
            }
            if (key == null) {
                kept.add(definition);
            } else {
                held.add(key);
            }
        }
        if (held.isEmpty()) {
            return null;
        }
        String create = createTable.substring(0, bodyStart) + String.join(",", kept).stripTrailing() + "\n"
                + createTable.substring(bodyEnd);
        return new KeysAfterRows(create, held);
    }

    /**
     * The keys of definitions as {@link #of} reads them in a CREATE TABLE, such as {@code KEY `a` (`a`)}; null when
     * one of them is not a key {@link #of} would hold back.
     */
    public static List<HeldKey> heldKeys(List<String> definitions) {
        List<HeldKey> keys = new ArrayList<>();
        for (String definition : definitions) {
            HeldKey key = heldKey(definition.strip());
            if (key == null || key == UNSURE_KEY) {
                return null;
            }
            keys.add(key);
        }
        return keys;
    }

    /** The key a definition adds, if it is one to hold back; null for one to keep; UNSURE_KEY when in doubt. */
    private static HeldKey heldKey(String definition) {
        SqlTokens tokens = new SqlTokens(definition);
        if (tokens.next() != Type.WORD) {
            return null;
        }
        String first = tokens.value().toUpperCase(Locale.ROOT);
        if (UNSURE.contains(first)) {
            return UNSURE_KEY;
        }
        if (first.equals("KEY") || first.equals("INDEX")) {
            tokens.next();
            return tokens.isIdentifier() ? new HeldKey(tokens.value(), false, definition) : UNSURE_KEY;
        }
        if (first.equals("CONSTRAINT")) {
            tokens.next();
            if (tokens.isWord("FOREIGN")) {
                // no name: the server makes one up, which a resumed import could not look for
                return UNSURE_KEY;
            }
            if (!tokens.isIdentifier() || tokens.isWord("UNIQUE") || tokens.isWord("PRIMARY") || tokens.isWord("CHECK")) {
                return null;
            }
            String name = tokens.value();
            tokens.next();
            return tokens.isWord("FOREIGN") ? new HeldKey(name, true, definition) : null;
        }
        return null;
    }

    /**
     * The ALTER TABLE that adds those of the held keys the table lacks, or null when it has them all (as when a resumed
     * import already added them, or its CREATE TABLE ran whole).
     *
     * @param quotedTable the table's name, quoted
     * @param keys        the held keys, those of a split or those a kept table's record lists
     * @param indexes     the names of the indexes the table has, lower-cased
     * @param foreignKeys the names of the foreign keys the table has, lower-cased
     */
    public static String alterTable(String quotedTable, List<HeldKey> keys, Set<String> indexes,
                                    Set<String> foreignKeys) {
        List<String> missing = new ArrayList<>();
        for (HeldKey key : keys) {
            Set<String> present = key.foreign() ? foreignKeys : indexes;
            if (!present.contains(key.name().toLowerCase(Locale.ROOT))) {
                missing.add("ADD " + key.definition());
            }
        }
        return missing.isEmpty() ? null : "ALTER TABLE " + quotedTable + " " + String.join(", ", missing);
    }
}
