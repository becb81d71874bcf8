package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.v2.ScriptReading;

/** What an analysis job records from its start: the podv2.sql it reads; the analysis itself is kept apart. */
record Analysing(String script, String sourceDatabase) implements ScriptReading {
}
