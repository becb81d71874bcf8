package fr.esup.podmigrate.pod;

/** What a database looks like to the console before it touches it. */
public enum DatabaseKind {
    /** No table at all. */
    EMPTY,
    /** An Esup-Pod 2.x database: a migration source. */
    POD_V2,
    /** An Esup-Pod 3.x database: a migration target. */
    POD_V3,
    /** Tables, but not Esup-Pod's. */
    OTHER
}
