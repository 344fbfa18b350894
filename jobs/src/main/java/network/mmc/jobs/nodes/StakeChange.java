package network.mmc.jobs.nodes;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Audit trail of a node's stake: who set it, from what, to what, and why. */
@Entity
@Table(name = "stake_change")
public class StakeChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String nodeId;

    private long previousStake;

    private long newStake;

    private String changedBy;

    private String reason;

    private Instant changedAt;

    private Long apiKeyId;

    protected StakeChange() {
        // for Hibernate
    }

    StakeChange(String nodeId, long previousStake, long newStake, String changedBy, String reason, Instant changedAt,
                Long apiKeyId) {
        this.nodeId = nodeId;
        this.previousStake = previousStake;
        this.newStake = newStake;
        this.changedBy = changedBy;
        this.reason = reason;
        this.changedAt = changedAt;
        this.apiKeyId = apiKeyId;
    }

    public long getPreviousStake() {
        return previousStake;
    }

    public long getNewStake() {
        return newStake;
    }

    public String getChangedBy() {
        return changedBy;
    }

    public String getReason() {
        return reason;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    /** The API key that sent the change over REST; null when it was made on the Hub's machine or by the vault sync. */
    public Long getApiKeyId() {
        return apiKeyId;
    }
}
