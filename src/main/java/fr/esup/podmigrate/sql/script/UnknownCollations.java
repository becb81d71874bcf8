package fr.esup.podmigrate.sql.script;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The collations a statement names that a server does not know, each replaced by the binary no-pad collation of its
 * character set ({@code utf8mb4_0900_ai_ci}, MySQL 8's default, becomes {@code utf8mb4_nopad_bin} on a MariaDB that
 * lacks it). That collation tells apart every two values the original told apart, so a unique key of the original
 * takes the same rows; it sorts and compares otherwise (case and accents count, trailing spaces too), so it serves a
 * copy that is read value by value, not one an application runs on.
 */
public final class UnknownCollations {

    /** Server collation by its name in utf8mb3 spelling (see {@link ClientCharset#utf8Alias}). */
    private final Map<String, String> known = new HashMap<>();

    /** @param serverCollations the collations the server knows ({@code information_schema.COLLATIONS}) */
    public UnknownCollations(Iterable<String> serverCollations) {
        for (String collation : serverCollations) {
            known.put(normalised(collation), collation);
        }
    }

    /**
     * The text with each collation it names after COLLATE or as a {@code collation_*} variable's value replaced when
     * the server does not know it and knows a binary collation of its character set; the same instance when nothing
     * changes.
     */
    public String replacedIn(String text) {
        SqlTokens tokens = new SqlTokens(text);
        StringBuilder replaced = null;
        int copied = 0;
        boolean collationNext = false;
        for (SqlTokens.Type type = tokens.next(); type != SqlTokens.Type.END; type = tokens.next()) {
            if (collationNext && type != SqlTokens.Type.SYMBOL) {
                String substitute = substitute(tokens.value());
                if (substitute != null) {
                    replaced = replaced == null ? new StringBuilder(text.length() + 16) : replaced;
                    replaced.append(text, copied, tokens.start()).append(substitute);
                    copied = tokens.end();
                }
            }
            collationNext = type == SqlTokens.Type.WORD && namesCollationNext(tokens.value())
                    || collationNext && tokens.isSymbol('=');
        }
        return replaced == null ? text : replaced.append(text, copied, text.length()).toString();
    }

    /** The collation the server knows that stands for this one, or null when it knows this one or none of its set. */
    String substitute(String collation) {
        String name = normalised(collation);
        int underscore = name.indexOf('_');
        if (known.containsKey(name) || underscore <= 0) {
            return null;
        }
        String charset = name.substring(0, underscore);
        String noPad = known.get(charset + "_nopad_bin");
        return noPad != null ? noPad : known.get(charset + "_bin");
    }

    private static boolean namesCollationNext(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        return upper.equals("COLLATE") || upper.startsWith("COLLATION_");
    }

    private static String normalised(String collation) {
        return ClientCharset.utf8Alias(collation.toLowerCase(Locale.ROOT));
    }
}
