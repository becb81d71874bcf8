package fr.esup.podmigrate.config;

import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, UserDetailsService operators, PasswordEncoder encoder,
                                            LoginThrottle throttle) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(operators);
        passwords.setPasswordEncoder(encoder);
        // A manager of its own, without the global one as parent: a blocked login must not be tried again there.
        http.authenticationManager(new ProviderManager(throttle.guarding(passwords)));
        // Both keep the refusal in the session, where the login page reads until when a blocked login waits.
        AuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");
        AuthenticationFailureHandler blocked = new SimpleUrlAuthenticationFailureHandler("/login?blocked");
        AuthenticationFailureHandler failures = (request, response, e) ->
                (e instanceof LoginBlockedException ? blocked : wrongPassword).onAuthenticationFailure(request, response, e);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg").permitAll()
                        .requestMatchers("/login", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).failureHandler(failures).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors
                        // An htmx request on an expired session reloads the page rather than swapping the login form into a fragment.
                        .defaultAuthenticationEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(),
                                new RequestHeaderRequestMatcher("HX-Request"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    LoginThrottle loginThrottle(PodMigrateProperties properties, Clock clock) {
        return new LoginThrottle(properties.login(), clock);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService operators(PodMigrateProperties properties, PasswordEncoder encoder) {
        PodMigrateProperties.Operator operator = properties.operator();
        String stored = operator.password();
        if (stored == null || stored.isBlank()) {
            String generated = generatePassword();
            stored = encoder.encode(generated);
            log.warn("No podmigrate.operator.password set: log in as '{}' with the generated password {} "
                    + "(shown once; set podmigrate.operator.password to choose one)", operator.username(), generated);
        } else if (!stored.startsWith("{")) {
            throw new InvalidSettingException("podmigrate.operator.password",
                    "must be a {bcrypt}... hash or, for a demo, {noop}password");
        }
        return new InMemoryUserDetailsManager(User.withUsername(operator.username()).password(stored).roles("OPERATOR").build());
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
