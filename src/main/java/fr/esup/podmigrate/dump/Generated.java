package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.job.JobResult;

import java.util.Map;

/**
 * What a generation of podv2.sql produced.
 *
 * @param file the podv2.sql written, by its id in the workspace
 * @param rows the rows written per table, by the name the script gives the table
 */
public record Generated(String file, Map<String, Long> rows) implements JobResult {
}
