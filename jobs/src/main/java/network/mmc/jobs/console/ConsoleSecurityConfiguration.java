package network.mmc.jobs.console;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two of the three filter chains. The REST API, the actuator and the API description keep their API keys (checked by
 * the {@code apikeys} package), with no session and no CSRF token: no browser cookie authenticates them. The DApp's
 * public pages have their own chain ({@code dapp} package), ahead of the console's. Everything else is the console: form sign-in, a session that times out, CSRF tokens on every form, and the OPS-only actions
 * refused to FINANCE here, whatever a page shows.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurityConfiguration {

    static final String OPS = "OPS";
    static final String FINANCE = "FINANCE";

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                        "/error")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain consoleChain(HttpSecurity http, ConsoleUsers users, Clock clock) throws Exception {
        AccessDeniedHandlerImpl roleRefused = new AccessDeniedHandlerImpl();
        roleRefused.setErrorPage("/denied");
        AccessDeniedHandlerImpl formExpired = new AccessDeniedHandlerImpl();
        formExpired.setErrorPage("/form-expired");
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/form-expired", "/console.css", "/console.js", "/webjars/**",
                                "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.POST, "/schedules/**", "/jobs/**", "/runs/*/reruns",
                                "/runs/*/reruns/**").hasRole(OPS)
                        .requestMatchers("/runs/*/rerun").hasRole(OPS)
                        .anyRequest().hasAnyRole(OPS, FINANCE))
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(ConsoleSessionCheck.recordingSignInTime(clock)).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new FormOrHeaderCsrfTokens()))
                .addFilterBefore(new ConsoleSessionCheck(users), AuthorizationFilter.class)
                // a refused CSRF token is an expired or forged form, not a missing role: each gets its own page
                .exceptionHandling(errors -> errors
                        .accessDeniedHandler((request, response, refusal) -> (refusal instanceof CsrfException
                                ? formExpired : roleRefused).handle(request, response, refusal)))
                .headers(headers -> headers
                        // htmx evaluates hx-on handlers and trigger filters, and adds its indicator style
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'"
                                + " 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                                + " object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
