package fr.esup.podmigrate.job;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs long work in the background, one job at a time per target database, and keeps each job's state
 * in the workspace: the job goes on when the browser is closed, and a job found running at start-up
 * (the console died under it) is marked interrupted.
 */
@Component
public class JobRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final Duration SAVE_INTERVAL = Duration.ofMillis(400);

    private final JobStore store;
    private final RunStore runStore;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "pod-migrate-job");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    public JobRunner(JobStore store, RunStore runStore) {
        this.store = store;
        this.runStore = runStore;
        for (Job job : store.all()) {
            if (job.status() == JobStatus.RUNNING) {
                log.warn("Job {} ({}) was running when the console stopped: marked interrupted", job.id(), job.step().key());
                store.save(finish(job, JobStatus.INTERRUPTED, Message.of("job.message.interrupted")));
                record(job, StepStatus.INTERRUPTED, "job " + job.id() + " interrupted");
            }
        }
    }

    /** Starts a step's work on {@code database} unless another job holds it; the step's status follows the job's. */
    public Job start(WizardStep step, String operator, DatabaseEndpoint database, JobWork work) {
        return start(step, JobKind.WORK, operator, database, null, work);
    }

    /**
     * Starts an analysis for {@code step} on {@code database} unless another job holds it; the step's status stays as
     * it is. Its result begins as {@code reading}: what it reads, readable by the pages from the moment it starts.
     */
    public Job analyse(WizardStep step, String operator, DatabaseEndpoint database, JobResult reading, JobWork work) {
        return start(step, JobKind.ANALYSIS, operator, database, reading, work);
    }

    private synchronized Job start(WizardStep step, JobKind kind, String operator, DatabaseEndpoint database,
                                   JobResult initial, JobWork work) {
        String target = database.lockKey();
        for (Running other : running.values()) {
            if (other.job.target().equals(target)) {
                throw new JobAlreadyRunningException(other.job);
            }
        }
        String id = kind.idPrefix(step) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Job job = new Job(id, step, kind, operator, target, JobStatus.RUNNING, Instant.now(), null, JobProgress.NONE,
                null, initial);
        store.save(job);
        record(job, StepStatus.RUNNING, "started job " + id);
        Running run = new Running(job);
        running.put(id, run);
        executor.submit(() -> execute(run, work));
        return job;
    }

    public void cancel(String id) {
        Running run = running.get(id);
        if (run != null) {
            run.cancelled = true;
        }
    }

    /** The job's current state: live while running, from the workspace otherwise. */
    public java.util.Optional<Job> find(String id) {
        Running run = running.get(id);
        return run != null ? java.util.Optional.of(run.snapshot()) : store.find(id);
    }

    /** A step's latest job: live while it runs, as persisted once it has ended. */
    public java.util.Optional<Job> latest(WizardStep step) {
        return latest(step, JobKind.WORK);
    }

    public java.util.Optional<Job> latest(WizardStep step, JobKind kind) {
        return store.of(step, kind).stream().findFirst().flatMap(job -> find(job.id()));
    }

    /** True while some job holds the database. */
    public boolean busy(DatabaseEndpoint database) {
        return running.values().stream().anyMatch(r -> r.job.target().equals(database.lockKey()));
    }

    private void execute(Running run, JobWork work) {
        JobStatus status;
        Message message;
        try {
            message = work.run(run);
            status = run.cancelled ? JobStatus.CANCELLED : JobStatus.SUCCEEDED;
        } catch (Exception | Error e) {
            status = run.cancelled ? JobStatus.CANCELLED : JobStatus.FAILED;
            if (e instanceof JobFailedException failure) {
                message = failure.reason();
            } else {
                message = Message.text(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            if (status == JobStatus.FAILED) {
                log.warn("Job {} failed: {}", run.job.id(), e.getMessage(), e);
            }
        }
        Job done = finish(run.snapshot(), status, message);
        store.save(done);
        record(done, status == JobStatus.SUCCEEDED ? run.stepStatusOnSuccess : StepStatus.FAILED,
                "job " + done.id() + " " + status.key());
        running.remove(run.job.id());
    }

    /** A step's work sets the step's status; an analysis's start and end are only written to the audit log. */
    private void record(Job job, StepStatus stepStatus, String action) {
        if (job.kind() == JobKind.WORK) {
            runStore.record(job.step(), stepStatus, job.operator(), action);
        } else {
            runStore.audit(job.operator(), job.step().key() + ": analysis, " + action);
        }
    }

    private static Job finish(Job job, JobStatus status, Message message) {
        return new Job(job.id(), job.step(), job.kind(), job.operator(), job.target(), status, job.startedAt(),
                Instant.now(), job.progress(), message, job.result());
    }

    @Override
    public void destroy() throws InterruptedException {
        running.values().forEach(r -> r.cancelled = true);
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private final class Running implements JobContext {
        private final Job job;
        private volatile JobProgress progress = JobProgress.NONE;
        private volatile JobResult result;
        private volatile boolean cancelled;
        private volatile StepStatus stepStatusOnSuccess = StepStatus.DONE;
        private Instant lastSave = Instant.EPOCH;

        Running(Job job) {
            this.job = job;
            this.result = job.result();
        }

        synchronized Job snapshot() {
            return new Job(job.id(), job.step(), job.kind(), job.operator(), job.target(), job.status(),
                    job.startedAt(), null, progress, null, result);
        }

        @Override
        public String jobId() {
            return job.id();
        }

        @Override
        public synchronized void progress(JobProgress progress) {
            Instant now = Instant.now();
            JobProgress previous = this.progress;
            // a stage begins when the stage changes, or when the same one starts over (a script read again)
            boolean goesOn = progress.stage() == previous.stage() && progress.bytesDone() >= previous.bytesDone()
                    && progress.bytesTotal() == previous.bytesTotal();
            this.progress = progress.stage() == null ? progress
                    : progress.withStageStartedAt(goesOn ? previous.stageStartedAt() : now);
            if (Duration.between(lastSave, now).compareTo(SAVE_INTERVAL) >= 0) {
                lastSave = now;
                store.save(snapshot());
            }
        }

        @Override
        public void result(JobResult result) {
            this.result = result;
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        @Override
        public void stepStatusOnSuccess(StepStatus status) {
            stepStatusOnSuccess = status;
        }
    }
}
