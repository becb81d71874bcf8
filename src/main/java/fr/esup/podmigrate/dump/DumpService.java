package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.v2.ScriptReading;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.Optional;
import java.util.stream.Stream;

/** Step 4's files: uploads, deletions and the operator's choice of the run's podv2.sql, each in the audit log. */
@Service
class DumpService {

    private final ScriptFiles scriptFiles;
    private final RunStore runStore;
    private final JobRunner jobs;

    DumpService(ScriptFiles scriptFiles, RunStore runStore, JobRunner jobs) {
        this.scriptFiles = scriptFiles;
        this.runStore = runStore;
        this.jobs = jobs;
    }

    ScriptFile upload(String originalName, ScriptFiles.Upload upload, String operator) throws IOException {
        try {
            ScriptFile stored = scriptFiles.storeUpload(originalName, upload);
            runStore.audit(operator, "dump: uploaded " + stored.name() + " (" + stored.size() + " bytes) as " + stored.id());
            return stored;
        } catch (UploadRefusedException e) {
            runStore.audit(operator, "dump: refused the upload of " + originalName + ": " + e.getMessage());
            throw e;
        }
    }

    /** Makes {@code file} the run's podv2.sql: the step is done. */
    void choose(ScriptFile file, String operator) {
        scriptFiles.select(file);
        runStore.record(WizardStep.DUMP, StepStatus.DONE, operator, "chose podv2.sql " + file.id());
    }

    /** Deletes an uploaded file unless a running job reads it; returns whether it did. */
    boolean delete(ScriptFile file, String operator) throws IOException {
        if (readByARunningJob(file)) {
            return false;
        }
        scriptFiles.delete(file);
        runStore.audit(operator, "dump: deleted " + file.name() + " (" + file.id() + ")");
        return true;
    }

    /** An import, or an analysis before it, reading the file right now. */
    private boolean readByARunningJob(ScriptFile file) {
        return Stream.of(jobs.latest(WizardStep.IMPORT), jobs.latest(WizardStep.IMPORT, JobKind.ANALYSIS))
                .flatMap(Optional::stream)
                .filter(job -> !job.status().finished()).flatMap(job -> job.result(ScriptReading.class).stream())
                .anyMatch(reading -> reading.script().equals(file.id()));
    }
}
