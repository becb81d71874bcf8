package fr.esup.podmigrate.v2;

import fr.esup.podmigrate.job.JobResult;

/**
 * A job's result that names the podv2.sql the job reads: an analysis's, an import's (the script of the newest import
 * that succeeded is where the steps after it read v2's rows, when the run has no source database).
 */
public interface ScriptReading extends JobResult {

    /** The podv2.sql, by its id in the workspace. */
    String script();

    /** In a script of several databases, the one whose section is read; null: the Pod v2 one, found by its tables. */
    String sourceDatabase();
}
