package fr.esup.podmigrate.v2;


import java.util.Locale;

/** Where the run's v2 rows are read: the source database, or the podv2.sql imported (its workspace id). */
public record V2Origin(Kind kind, String label) {

    public enum Kind {
        SOURCE, SCRIPT;

        /** Message key part. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
