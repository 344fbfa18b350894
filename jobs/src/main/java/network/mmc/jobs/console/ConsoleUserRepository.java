package network.mmc.jobs.console;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ConsoleUserRepository extends JpaRepository<ConsoleUser, Long> {

    Optional<ConsoleUser> findByUsername(String username);

    boolean existsByUsername(String username);

    /**
     * Counts a sign-in attempt before its password is checked, in one statement, and only while the account is not
     * locked: of simultaneous guesses at most {@code limit} get through, whatever their number. The attempt that
     * reaches the limit locks the account; a successful one clears the count ({@link #signedIn}).
     *
     * @return 1 when this attempt may check its password, 0 when the account is locked (or unknown)
     */
    @Modifying(clearAutomatically = true)
    @Query(value = "UPDATE console_user"
            // a lock that has run out starts a new count
            + " SET failed_sign_ins = IF(locked_until IS NULL, failed_sign_ins + 1, 1),"
            + " locked_until = IF(failed_sign_ins >= :limit, :lockedUntil, NULL)"
            + " WHERE username = :username AND (locked_until IS NULL OR locked_until <= :now)", nativeQuery = true)
    int reserveAttempt(String username, int limit, Instant now, Instant lockedUntil);

    @Modifying(clearAutomatically = true)
    @Query("UPDATE ConsoleUser u SET u.failedSignIns = 0, u.lockedUntil = NULL, u.lastSignInAt = :at"
            + " WHERE u.username = :username")
    int signedIn(String username, Instant at);

    @Modifying(clearAutomatically = true)
    @Query("UPDATE ConsoleUser u SET u.disabledAt = :at, u.credentialsChangedAt = :at"
            + " WHERE u.username = :username AND u.disabledAt IS NULL")
    int disable(String username, Instant at);

    @Modifying(clearAutomatically = true)
    @Query("UPDATE ConsoleUser u SET u.passwordHash = :hash, u.failedSignIns = 0, u.lockedUntil = NULL,"
            + " u.credentialsChangedAt = :at WHERE u.username = :username")
    int changePassword(String username, String hash, Instant at);
}
