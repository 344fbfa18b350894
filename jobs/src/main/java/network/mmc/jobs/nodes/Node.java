package network.mmc.jobs.nodes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered node; its id is the base58 text of its ed25519 public key. */
@Entity
@Table(name = "node")
public class Node {

    @Id
    @Column(name = "node_id")
    private String nodeId;

    private byte[] publicKey;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private NodeKind kind;

    private String ownerWallet;

    private Instant ownerBoundAt;

    private long stake;

    private Instant stakeChangedAt;

    private boolean suspended;

    private String endpointUrl;

    private Instant registeredAt;

    private Instant lastStatusAt;

    private String gpuModel;

    private Integer gpuMemoryMb;

    private String agentVersion;

    private Instant approvedAt;

    private String approvedBy;

    private String approvalReason;

    private Instant registerSignedAt;

    private Instant statusSignedAt;

    private Instant bindSignedAt;

    @Version
    private long version;

    protected Node() {
        // for Hibernate
    }

    Node(String nodeId, byte[] publicKey, NodeKind kind, String endpointUrl, Instant registeredAt, Instant signedAt) {
        this.nodeId = nodeId;
        this.publicKey = publicKey.clone();
        this.kind = kind;
        this.endpointUrl = endpointUrl;
        this.registeredAt = registeredAt;
        this.registerSignedAt = signedAt;
    }

    public boolean isOnline(Instant now, Duration onlineWindow) {
        return lastStatusAt != null && !lastStatusAt.isBefore(now.minus(onlineWindow));
    }

    /** When the last status report accepted was signed; null before the first. */
    Instant statusSignedAt() {
        return statusSignedAt;
    }

    /** When the last wallet binding accepted was signed; null before the first. */
    Instant bindSignedAt() {
        return bindSignedAt;
    }

    void reportStatus(Instant at, Instant signedAt, String gpu, Integer memoryMb, String agent) {
        this.lastStatusAt = at;
        this.statusSignedAt = signedAt;
        this.gpuModel = gpu;
        this.gpuMemoryMb = memoryMb;
        this.agentVersion = agent;
    }

    void bindOwner(String wallet, Instant boundAt) {
        this.ownerWallet = wallet;
        this.ownerBoundAt = boundAt;
    }

    void acceptBinding(Instant signedAt) {
        this.bindSignedAt = signedAt;
    }

    void approve(String operator, String reason, Instant at) {
        this.approvedBy = operator;
        this.approvalReason = reason;
        this.approvedAt = at;
    }

    void changeStake(long newStake, Instant changedAt) {
        this.stake = newStake;
        this.stakeChangedAt = changedAt;
    }

    public String getNodeId() {
        return nodeId;
    }

    public byte[] getPublicKey() {
        return publicKey.clone();
    }

    public NodeKind getKind() {
        return kind;
    }

    public String getOwnerWallet() {
        return ownerWallet;
    }

    public long getStake() {
        return stake;
    }

    /** When the stake was last changed (null when never): settlement reads the stake at window end from it. */
    public Instant getStakeChangedAt() {
        return stakeChangedAt;
    }

    public boolean isSuspended() {
        return suspended;
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public Instant getLastStatusAt() {
        return lastStatusAt;
    }

    public String getGpuModel() {
        return gpuModel;
    }

    public Integer getGpuMemoryMb() {
        return gpuMemoryMb;
    }

    public String getAgentVersion() {
        return agentVersion;
    }

    /** VALIDATOR and ROUTER nodes act for the Hub only once OPS approved them; COMPUTING nodes need no approval. */
    public boolean needsApproval() {
        return kind != NodeKind.COMPUTING && approvedAt == null;
    }

    public Instant getApprovedAt() {
        return approvedAt;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public String getApprovalReason() {
        return approvalReason;
    }
}
