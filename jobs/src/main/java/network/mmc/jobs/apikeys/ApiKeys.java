package network.mmc.jobs.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates keys (the secret is shown once) and authenticates requests by the key's hash. */
@Service
public class ApiKeys {

    private static final String PREFIX = "mmc_";

    private final ApiKeyRepository keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** @return the secret, which is not stored and cannot be shown again */
    @Transactional
    public String create(Role role, String label) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + HexFormat.of().formatHex(secret);
        keys.save(new ApiKey(hash(key), role, label == null ? role.name().toLowerCase() : label, clock.instant()));
        return key;
    }

    @Transactional(readOnly = true)
    public Optional<ApiKey> authenticate(String presentedKey) {
        if (presentedKey == null || !presentedKey.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return keys.findByKeyHash(hash(presentedKey)).filter(ApiKey::isActive);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
