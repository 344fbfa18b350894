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

    protected StakeChange() {
        // for Hibernate
    }

    StakeChange(String nodeId, long previousStake, long newStake, String changedBy, String reason, Instant changedAt) {
        this.nodeId = nodeId;
        this.previousStake = previousStake;
        this.newStake = newStake;
        this.changedBy = changedBy;
        this.reason = reason;
        this.changedAt = changedAt;
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
}
