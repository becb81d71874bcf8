package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementReader;

import java.nio.file.Path;

/** One pass through a backup file, statement by statement as the mariadb client splits it, with the job's progress. */
final class ScriptPass {

    /** What is done with each statement. */
    interface Step {
        void accept(SqlStatement statement) throws Exception;
    }

    private ScriptPass() {
    }

    /** Reads the whole file; stops with a {@link JobFailedException} when the job is cancelled. */
    static void run(Path file, JobContext context, Step step) throws Exception {
        long rows = 0;
        long statements = 0;
        try (StatementReader reader = StatementReader.open(file)) {
            for (SqlStatement statement = reader.next(); statement != null; statement = reader.next()) {
                if (context.cancelled()) {
                    throw new JobFailedException("backup.message.cancelledAt", statement.line(), file.getFileName().toString());
                }
                step.accept(statement);
                rows += Math.max(0, statement.rowCount());
                statements++;
                context.progress(new JobProgress(reader.bytesRead(), reader.totalBytes(), rows, statements));
            }
        }
    }
}
