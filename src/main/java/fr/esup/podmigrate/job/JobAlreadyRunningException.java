package fr.esup.podmigrate.job;


/** Another job holds the target database: one migration job at a time per target. */
public class JobAlreadyRunningException extends RuntimeException {

    private final transient Job running;

    public JobAlreadyRunningException(Job running) {
        super("A " + running.step().key() + " job started by " + running.operator() + " at " + running.startedAt()
                + " is still running on " + running.target());
        this.running = running;
    }

    public Job running() {
        return running;
    }
}
