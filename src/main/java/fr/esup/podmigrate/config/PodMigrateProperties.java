package fr.esup.podmigrate.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The console's settings, prefix {@code podmigrate}. Their names are a public contract
 * (environment variables such as {@code PODMIGRATE_TARGET_URL} bind to them).
 */
@ConfigurationProperties("podmigrate")
public record PodMigrateProperties(
        @DefaultValue Database target,
        @DefaultValue Database source,
        @DefaultValue("workspace") Path workspace,
        @DefaultValue Operator operator,
        @DefaultValue Upload upload,
        @DefaultValue Login login,
        @DefaultValue Database rehearsal) {

    public PodMigrateProperties {
        target.validate("podmigrate.target");
        source.validate("podmigrate.source");
        rehearsal.validate("podmigrate.rehearsal");
        if (source.configured() && !target.configured()) {
            throw new InvalidSettingException("podmigrate.target.url",
                    "is required when podmigrate.source.url is set (the demo runs only when no database is configured)");
        }
    }

    /** True when no database is configured: the console runs its embedded demo. */
    public boolean demo() {
        return !target.configured();
    }

    public record Database(String url, String username, String password) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }

        void validate(String prefix) {
            if (configured()) {
                JdbcUrl.parse(url, prefix + ".url");
            }
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    public record Operator(@DefaultValue("operator") String username, String password) {

        public Operator {
            if (username == null || username.isBlank()) {
                throw new InvalidSettingException("podmigrate.operator.username", "must not be blank");
            }
        }

        @Override
        public String toString() {
            return "Operator[username=" + username + ", password=***]";
        }
    }

    public record Upload(@DefaultValue("20GB") DataSize maxSize) {

        public Upload {
            if (maxSize.toBytes() <= 0) {
                throw new InvalidSettingException("podmigrate.upload.max-size", "must be positive");
            }
        }
    }

    /**
     * Failed logins slow down, then lock: after a failure, the account and the client address wait
     * {@code failureDelay} (doubled at each further failure) before the next attempt, and {@code maxFailures}
     * failures in a row lock them for {@code lockDuration}. Failures are forgotten {@code lockDuration} after the last.
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockDuration,
                        @DefaultValue("1s") Duration failureDelay) {

        public Login {
            if (maxFailures < 1) {
                throw new InvalidSettingException("podmigrate.login.max-failures", "must be 1 or more");
            }
            if (lockDuration.isNegative() || lockDuration.isZero()) {
                throw new InvalidSettingException("podmigrate.login.lock-duration", "must be positive");
            }
            if (failureDelay.isNegative() || failureDelay.compareTo(lockDuration) > 0) {
                throw new InvalidSettingException("podmigrate.login.failure-delay",
                        "must be between 0 and podmigrate.login.lock-duration (" + lockDuration + ")");
            }
        }
    }
}
