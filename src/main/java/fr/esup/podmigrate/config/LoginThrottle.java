package fr.esup.podmigrate.config;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down, then locks, the logins of an account and of a client address after failed ones: what keeps a guessed
 * password out of reach. Kept in memory: a restart forgets it, as it forgets the sessions.
 */
final class LoginThrottle {

    private record Failures(int count, Instant last, Instant blockedUntil) {
    }

    private final PodMigrateProperties.Login settings;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(PodMigrateProperties.Login settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The provider checking passwords, refusing any attempt of a blocked account or address before it checks. */
    AuthenticationProvider guarding(AuthenticationProvider passwords) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication attempt) {
                List<String> keys = keys(attempt);
                Optional<Instant> blocked = blockedUntil(keys);
                if (blocked.isPresent()) {
                    throw new LoginBlockedException(blocked.get());
                }
                try {
                    Authentication authenticated = passwords.authenticate(attempt);
                    keys.forEach(failures::remove);
                    return authenticated;
                } catch (BadCredentialsException e) {
                    failed(keys);
                    throw e;
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return passwords.supports(authentication);
            }
        };
    }

    private static List<String> keys(Authentication attempt) {
        String user = "user:" + String.valueOf(attempt.getName()).toLowerCase(Locale.ROOT);
        return attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? List.of(user, "address:" + details.getRemoteAddress())
                : List.of(user);
    }

    private Optional<Instant> blockedUntil(List<String> keys) {
        Instant now = clock.instant();
        return keys.stream().map(failures::get).filter(f -> f != null && f.blockedUntil().isAfter(now))
                .map(Failures::blockedUntil).max(Instant::compareTo);
    }

    private void failed(List<String> keys) {
        Instant now = clock.instant();
        failures.values().removeIf(f -> forgotten(f, now));
        for (String key : keys) {
            failures.compute(key, (k, before) -> {
                int count = before == null ? 1 : before.count() + 1;
                Duration wait = count >= settings.maxFailures() ? settings.lockDuration()
                        : settings.failureDelay().multipliedBy(1L << Math.min(count - 1, 20));
                return new Failures(count, now, now.plus(min(wait, settings.lockDuration())));
            });
        }
    }

    private boolean forgotten(Failures f, Instant now) {
        return !f.blockedUntil().isAfter(now) && !f.last().plus(settings.lockDuration()).isAfter(now);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
