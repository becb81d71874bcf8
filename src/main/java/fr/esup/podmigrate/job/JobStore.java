package fr.esup.podmigrate.job;

import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.PropertiesFiles;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.ImportProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/** Jobs persisted one file each under {@code runs/jobs/} of the workspace, so that they survive a restart. */
@Component
public class JobStore {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final String RESULT = "result";
    /** What an analysis recorded when analyses ran as podv2.sql jobs and results were named texts. */
    private static final String LEGACY_ANALYSED_SCRIPT = "result.analysis";
    private static final Logger log = LoggerFactory.getLogger(JobStore.class);

    private final JsonMapper json = JsonMapper.builder().build();

    private final Path folder;

    public JobStore(Workspace workspace) {
        this.folder = workspace.runs().resolve("jobs");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
    }

    public synchronized void save(Job job) {
        Properties p = new Properties();
        p.setProperty("step", job.step().name());
        p.setProperty("kind", job.kind().name());
        p.setProperty("operator", job.operator());
        p.setProperty("target", job.target());
        p.setProperty("status", job.status().name());
        p.setProperty("startedAt", job.startedAt().toString());
        if (job.endedAt() != null) {
            p.setProperty("endedAt", job.endedAt().toString());
        }
        p.setProperty("bytesDone", Long.toString(job.progress().bytesDone()));
        p.setProperty("bytesTotal", Long.toString(job.progress().bytesTotal()));
        p.setProperty("rows", Long.toString(job.progress().rows()));
        p.setProperty("statements", Long.toString(job.progress().statements()));
        p.setProperty("tablesDone", Integer.toString(job.progress().tablesDone()));
        p.setProperty("tablesTotal", Integer.toString(job.progress().tablesTotal()));
        if (job.progress().stage() != null) {
            p.setProperty("stage", job.progress().stage().name());
        }
        if (job.progress().stageStartedAt() != null) {
            p.setProperty("stageStartedAt", job.progress().stageStartedAt().toString());
        }
        if (job.message() != null) {
            job.message().writeTo(p, "message");
        }
        if (job.result() != null) {
            p.setProperty(RESULT, json.writerFor(JobResult.class).writeValueAsString(job.result()));
        }
        PropertiesFiles.write(file(job.id()), p);
    }

    public synchronized Optional<Job> find(String id) {
        if (!ID.matcher(id).matches() || !Files.exists(file(id))) {
            return Optional.empty();
        }
        Properties p = PropertiesFiles.read(file(id));
        String ended = p.getProperty("endedAt");
        WizardStep step = WizardStep.valueOf(p.getProperty("step"));
        String kindName = p.getProperty("kind");
        JobKind kind = kindName != null ? JobKind.valueOf(kindName) : JobKind.WORK;
        if (kindName == null && step == WizardStep.DUMP && p.containsKey(LEGACY_ANALYSED_SCRIPT)) {
            kind = JobKind.ANALYSIS;
            step = WizardStep.IMPORT;
        }
        return Optional.of(new Job(id, step, kind, p.getProperty("operator"),
                p.getProperty("target"), JobStatus.valueOf(p.getProperty("status")),
                Instant.parse(p.getProperty("startedAt")), ended == null ? null : Instant.parse(ended),
                new JobProgress(Long.parseLong(p.getProperty("bytesDone")), Long.parseLong(p.getProperty("bytesTotal")),
                        Long.parseLong(p.getProperty("rows")), Long.parseLong(p.getProperty("statements")),
                        Integer.parseInt(p.getProperty("tablesDone", "0")),
                        Integer.parseInt(p.getProperty("tablesTotal", "0")),
                        p.containsKey("stage") ? ImportProgress.Stage.valueOf(p.getProperty("stage")) : null,
                        p.containsKey("stageStartedAt") ? Instant.parse(p.getProperty("stageStartedAt")) : null),
                Message.readFrom(p, "message"), result(id, p.getProperty(RESULT))));
    }

    /** The job's result; none when it recorded none, or when it cannot be read (named texts of an older console). */
    private JobResult result(String id, String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, JobResult.class);
        } catch (JacksonException e) {
            log.warn("The result of job {} cannot be read, it is shown as unavailable: {}", id, e.getOriginalMessage());
            return null;
        }
    }

    /** Every job, newest first. */
    public synchronized List<Job> all() {
        List<Job> jobs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.properties")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                find(name.substring(0, name.length() - ".properties".length())).ifPresent(jobs::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list jobs in " + folder, e);
        }
        jobs.sort(Comparator.comparing(Job::startedAt).reversed());
        return jobs;
    }

    /** A step's own jobs, newest first: not the analyses run for it. */
    public List<Job> ofStep(WizardStep step) {
        return of(step, JobKind.WORK);
    }

    public List<Job> of(WizardStep step, JobKind kind) {
        return all().stream().filter(j -> j.step() == step && j.kind() == kind).toList();
    }

    private Path file(String id) {
        return folder.resolve(id + ".properties");
    }
}
