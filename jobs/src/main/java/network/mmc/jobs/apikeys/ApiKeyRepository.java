package network.mmc.jobs.apikeys;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

// bulk updates of one column each, not dirty entities: a use never overwrites a revocation, nor the other way round
interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

    /** @return 1 if the key was active and is now revoked, else 0 */
    @Modifying
    @Query("UPDATE ApiKey k SET k.revokedAt = :now WHERE k.id = :id AND k.revokedAt IS NULL")
    int revoke(@Param("id") Long id, @Param("now") Instant now);
}
