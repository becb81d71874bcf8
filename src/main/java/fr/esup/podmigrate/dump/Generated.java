package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.job.JobResult;

import java.util.Map;

/**
 * What a generation of podv2.sql produced.
 *
 * @param file the podv2.sql written, by its id in the workspace
 * @param rows the rows written per table, by the name the script gives the table
 * @param options the options it was generated with (null in a job recorded before they were kept)
 */
public record Generated(String file, Map<String, Long> rows, Podv2ScriptOptions options) implements JobResult {
}
