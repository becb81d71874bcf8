package fr.esup.podmigrate.job;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a job produced, for its step's page and the steps after it: a record of the step's own, kept with the job in
 * the workspace as JSON, its class named in it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@class")
public interface JobResult {
}
