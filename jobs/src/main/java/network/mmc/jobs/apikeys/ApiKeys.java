package network.mmc.jobs.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates keys (the secret is shown once), lists and revokes them, and authenticates requests by the key's hash. */
@Service
public class ApiKeys {

    private static final String PREFIX = "mmc_";
    private static final int MAX_LABEL = 128;
    // a key in steady use is written at most once a minute, not on every request
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final String FIND = "SELECT id, key_hash, role, api_user_id, label, created_at, last_used_at,"
            + " revoked_at FROM api_key WHERE key_hash = ?";

    private final ApiKeyRepository keys;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(ApiKeyRepository keys, JdbcTemplate jdbc, Clock clock) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new key and its secret, which is not stored and cannot be shown again. */
    public record IssuedKey(long id, Role role, String label, String secret) {
    }

    /** @return the secret, which is not stored and cannot be shown again */
    @Transactional
    public String create(Role role, String label) {
        return issue(role, label).secret();
    }

    @Transactional
    public IssuedKey issue(Role role, String label) {
        if (role == null) {
            throw new IllegalArgumentException("role is required: one of INGEST, OPS, FINANCE");
        }
        if (role == Role.API_USER) {
            throw new IllegalArgumentException("an API_USER key belongs to an API user: create the user with `apiuser"
                    + " create NAME --wallet WALLET` (it prints the first key), or another key with `apiuser key NAME`");
        }
        return store(role, null, label == null ? role.name().toLowerCase() : checkLabel(label));
    }

    /** A new API_USER key of API user {@code apiUserId}, labelled with the user's name. */
    @Transactional
    public IssuedKey issueForApiUser(long apiUserId, String userName) {
        return store(Role.API_USER, apiUserId, checkLabel(userName));
    }

    private IssuedKey store(Role role, Long apiUserId, String label) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + HexFormat.of().formatHex(secret);
        ApiKey stored = keys.save(new ApiKey(hash(key), role, apiUserId, label, clock.instant()));
        return new IssuedKey(stored.getId(), role, label, key);
    }

    private static String checkLabel(String label) {
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank (leave it out to use the role's name)");
        }
        if (label.codePointCount(0, label.length()) > MAX_LABEL) {
            throw new IllegalArgumentException("label must be at most " + MAX_LABEL + " characters");
        }
        if (label.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("label must not contain control characters (line breaks, tabs)");
        }
        return label;
    }

    /** Every key, active and revoked, oldest first; secrets are not stored, so none is shown. */
    @Transactional(readOnly = true)
    public List<ApiKey> list() {
        return keys.findAll(Sort.by("id"));
    }

    /** Revokes a key: the next request with it gets 401 (nothing caches keys). */
    @Transactional
    public ApiKey revoke(long id) {
        if (keys.revoke(id, clock.instant()) == 0) {
            ApiKey key = keys.findById(id).orElseThrow(() -> new NotFoundException("API key " + id + " does not exist"));
            throw new ConflictException("API key " + id + " was already revoked at " + key.getRevokedAt());
        }
        return keys.findById(id).orElseThrow();
    }

    /**
     * Runs before every API request, so it is one plain SELECT in autocommit (and, at most once a minute per key, one
     * UPDATE), not a JPA query in a transaction: that cost about a fifth of the Hub's CPU for a REST batch of
     * 1 000 call records (bench/ingest-rest, 2026-11-27).
     */
    public Optional<ApiKey> authenticate(String presentedKey) {
        if (presentedKey == null || !presentedKey.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiKey> key = jdbc.query(FIND, ApiKeys::row, hash(presentedKey)).stream().findFirst()
                .filter(ApiKey::isActive);
        key.ifPresent(this::markUsed);
        return key;
    }

    private static ApiKey row(ResultSet row, int number) throws SQLException {
        return new ApiKey(row.getLong(1), row.getString(2), Role.valueOf(row.getString(3)),
                row.getObject(4, Long.class), row.getString(5), instant(row, 6), instant(row, 7), instant(row, 8));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp time = row.getTimestamp(column);
        return time == null ? null : UtcTimestamps.toInstant(time);
    }

    // a bulk update of one column, not a dirty entity: a use never overwrites a revocation
    private void markUsed(ApiKey key) {
        Instant now = clock.instant();
        Instant before = now.minus(LAST_USED_RESOLUTION);
        if (key.getLastUsedAt() == null || key.getLastUsedAt().isBefore(before)) {
            jdbc.update("UPDATE api_key SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                    UtcTimestamps.of(now), key.getId(), UtcTimestamps.of(before));
        }
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
