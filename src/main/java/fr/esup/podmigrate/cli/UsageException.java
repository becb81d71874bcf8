package fr.esup.podmigrate.cli;

/** The command line is wrong: said on standard error, exit code 2, nothing touched. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
