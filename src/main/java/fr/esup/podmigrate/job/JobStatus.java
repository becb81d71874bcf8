package fr.esup.podmigrate.job;


public enum JobStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED;

    public boolean finished() {
        return this != RUNNING;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
