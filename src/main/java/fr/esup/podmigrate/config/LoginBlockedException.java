package fr.esup.podmigrate.config;

import org.springframework.security.core.AuthenticationException;

import java.time.Instant;

/** A login refused without looking at its password: too many failures of its account or its address. */
class LoginBlockedException extends AuthenticationException {

    private final Instant until;

    LoginBlockedException(Instant until) {
        super("Too many failed logins: refused until " + until);
        this.until = until;
    }

    Instant until() {
        return until;
    }
}
