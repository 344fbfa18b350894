package network.mmc.jobs.console;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import org.springframework.data.domain.Sort;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's accounts: created from the command line (never over the web), signed in with a BCrypt-checked
 * password, locked for {@link #LOCK_DURATION} after {@link #MAX_FAILED_SIGN_INS} failures in a row.
 */
@Service
public class ConsoleUsers implements UserDetailsService {

    static final int MAX_FAILED_SIGN_INS = 5;
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    static final int MIN_PASSWORD_LENGTH = 12;
    // BCrypt reads at most 72 bytes: a longer password would be accepted with any ending
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final ConsoleUserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;

    ConsoleUsers(ConsoleUserRepository users, PasswordEncoder passwords, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Transactional
    public ConsoleUser create(String username, Role role, char[] password) {
        checkUsername(username);
        if (role != Role.OPS && role != Role.FINANCE) {
            throw new IllegalArgumentException("role " + role + " cannot sign in to the console: use OPS or FINANCE");
        }
        String hash = hash(password);
        if (users.existsByUsername(username)) {
            throw new ConflictException("console user '" + username + "' already exists");
        }
        return users.save(new ConsoleUser(username, hash, role, clock.instant()));
    }

    /** Creates the user, or gives an existing one this role's password anew: the demo's printed logins. */
    @Transactional
    public void createOrReset(String username, Role role, char[] password) {
        if (users.existsByUsername(username)) {
            changePassword(username, password);
        } else {
            create(username, role, password);
        }
    }

    @Transactional
    public void changePassword(String username, char[] password) {
        String hash = hash(password);
        if (users.changePassword(username, hash, clock.instant()) == 0) {
            throw new NotFoundException("console user '" + username + "' does not exist");
        }
    }

    @Transactional
    public ConsoleUser disable(String username) {
        ConsoleUser user = find(username);
        if (users.disable(username, clock.instant()) == 0) {
            throw new ConflictException("console user '" + username + "' was already disabled at "
                    + user.getDisabledAt());
        }
        return find(username);
    }

    @Transactional(readOnly = true)
    public List<ConsoleUser> list() {
        return users.findAll(Sort.by("id"));
    }

    /**
     * The account for a sign-in attempt, which is counted here, before its password is checked: a locked account
     * comes back locked, so simultaneous guesses cannot get past the limit ({@link ConsoleUserRepository#reserveAttempt}).
     */
    @Override
    @Transactional
    public UserDetails loadUserByUsername(String username) {
        Instant now = clock.instant();
        boolean mayTry = users.reserveAttempt(username, MAX_FAILED_SIGN_INS, now, now.plus(LOCK_DURATION)) == 1;
        ConsoleUser user = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("no console user " + username));
        return User.withUsername(user.getUsername())
                .password(user.getPasswordHash())
                .roles(user.getRole().name())
                .disabled(user.getDisabledAt() != null)
                .accountLocked(!mayTry)
                .build();
    }

    /** Whether a session signed in at {@code signedInAt} may go on: the account is enabled and its password unchanged. */
    @Transactional(readOnly = true)
    public boolean sessionStillValid(String username, Instant signedInAt) {
        return users.findByUsername(username)
                .filter(user -> user.getDisabledAt() == null)
                .filter(user -> !user.getCredentialsChangedAt().isAfter(signedInAt))
                .isPresent();
    }

    @Transactional
    void recordSignIn(String username) {
        users.signedIn(username, clock.instant());
    }

    private ConsoleUser find(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("console user '" + username + "' does not exist"));
    }

    private String hash(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String text = new String(password);
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("the password must be at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8 (BCrypt ignores the rest)");
        }
        if (text.isBlank() || text.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the password must not be blank or contain control characters");
        }
        return passwords.encode(text);
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("user name must be 1 to 64 letters, digits or . _ @ -");
        }
    }
}
