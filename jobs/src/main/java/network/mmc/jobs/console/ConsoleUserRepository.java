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
     * Counts a failed sign-in in one statement (two instances, or two requests, cannot lose a count) and locks the
     * account once the count reaches {@code limit}.
     */
    @Modifying
    @Query(value = "UPDATE console_user SET failed_sign_ins = failed_sign_ins + 1,"
            + " locked_until = IF(failed_sign_ins >= :limit, :lockedUntil, locked_until) WHERE username = :username",
            nativeQuery = true)
    int countFailure(String username, int limit, Instant lockedUntil);

    @Modifying
    @Query("UPDATE ConsoleUser u SET u.failedSignIns = 0, u.lockedUntil = NULL, u.lastSignInAt = :at"
            + " WHERE u.username = :username")
    int signedIn(String username, Instant at);

    @Modifying
    @Query("UPDATE ConsoleUser u SET u.disabledAt = :at WHERE u.username = :username AND u.disabledAt IS NULL")
    int disable(String username, Instant at);

    @Modifying
    @Query("UPDATE ConsoleUser u SET u.passwordHash = :hash, u.failedSignIns = 0, u.lockedUntil = NULL"
            + " WHERE u.username = :username")
    int changePassword(String username, String hash);
}
