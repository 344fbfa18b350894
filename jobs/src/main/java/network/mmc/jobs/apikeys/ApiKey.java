package network.mmc.jobs.apikeys;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An API key, stored only as the SHA-256 of its secret. */
@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String keyHash;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Role role;

    private Long apiUserId;

    private String label;

    private Instant createdAt;

    private Instant lastUsedAt;

    private Instant revokedAt;

    protected ApiKey() {
        // for Hibernate
    }

    ApiKey(String keyHash, Role role, Long apiUserId, String label, Instant createdAt) {
        this.keyHash = keyHash;
        this.role = role;
        this.apiUserId = apiUserId;
        this.label = label;
        this.createdAt = createdAt;
    }

    /** A key as read by {@link ApiKeys#authenticate}, outside Hibernate. */
    ApiKey(Long id, String keyHash, Role role, Long apiUserId, String label, Instant createdAt, Instant lastUsedAt,
           Instant revokedAt) {
        this(keyHash, role, apiUserId, label, createdAt);
        this.id = id;
        this.lastUsedAt = lastUsedAt;
        this.revokedAt = revokedAt;
    }

    public Long getId() {
        return id;
    }

    public Role getRole() {
        return role;
    }

    /** The API user an API_USER key belongs to; null for the other roles. */
    public Long getApiUserId() {
        return apiUserId;
    }

    public String getLabel() {
        return label;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Null when the key has not been used since it was created (or since usage was first tracked). */
    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    boolean isActive() {
        return revokedAt == null;
    }
}
