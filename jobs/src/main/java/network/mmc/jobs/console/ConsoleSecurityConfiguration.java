package network.mmc.jobs.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two filter chains. The REST API, the actuator and the API description keep their API keys (checked by the
 * {@code apikeys} package), with no session and no CSRF token: no browser cookie authenticates them. Everything else
 * is the console: form sign-in, a session that times out, CSRF tokens on every form, and the OPS-only actions
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
    @Order(2)
    SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/console.css", "/console.js", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.POST, "/schedules/**", "/jobs/**", "/runs/*/reruns",
                                "/runs/*/reruns/**").hasRole(OPS)
                        .requestMatchers("/runs/*/rerun").hasRole(OPS)
                        .anyRequest().hasAnyRole(OPS, FINANCE))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"))
                .exceptionHandling(errors -> errors.accessDeniedPage("/denied"))
                .build();
    }
}
