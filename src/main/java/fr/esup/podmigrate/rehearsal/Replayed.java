package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.job.JobResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a replay started from the console records as it goes.
 *
 * @param script      the podv2.sql replayed, by its id in the workspace
 * @param runningStep the step running, or null
 * @param seconds     each step that ended, and the seconds it took, in order
 * @param report      the report written, relative to the workspace, once the replay ended
 */
public record Replayed(String script, String runningStep, Map<String, Long> seconds, String report)
        implements JobResult {

    static Replayed starting(String script) {
        return new Replayed(script, null, Map.of(), null);
    }

    Replayed running(String step) {
        return new Replayed(script, step, seconds, report);
    }

    Replayed ended(String step, long took) {
        Map<String, Long> ended = new LinkedHashMap<>(seconds);
        ended.put(step, took);
        return new Replayed(script, null, ended, report);
    }

    Replayed reported(String path) {
        return new Replayed(script, runningStep, seconds, path);
    }
}
