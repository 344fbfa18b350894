package network.mmc.jobs.nodes;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.crypto.SignedTimes;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.jobs.errors.TextFields;
import network.mmc.node.NodeMessages;
import network.mmc.probe.AddressPolicy;
import network.mmc.probe.NodeEndpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration, wallet binding, heartbeats, stake and approval of nodes; every node request is ed25519-signed,
 * and each signed message is accepted once: a node's status reports, and its wallet bindings, must each be signed
 * later than the last one accepted.
 */
@Service
public class NodeRegistry {

    private final NodeRepository nodes;
    private final WalletBindingRepository bindings;
    private final HeartbeatRepository heartbeats;
    private final StakeChangeRepository stakeChanges;
    private final NodeSettings settings;
    private final AddressPolicy probeAddresses;
    private final String hubId;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    NodeRegistry(NodeRepository nodes, WalletBindingRepository bindings, HeartbeatRepository heartbeats,
                 StakeChangeRepository stakeChanges, NodeSettings settings, AddressPolicy probeAddresses,
                 @Value("${mmc.hub-id}") String hubId, Clock clock, ApplicationEventPublisher events) {
        this.nodes = nodes;
        this.bindings = bindings;
        this.heartbeats = heartbeats;
        this.stakeChanges = stakeChanges;
        this.settings = settings;
        this.probeAddresses = probeAddresses;
        this.hubId = hubId;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public Node register(String publicKey, NodeKind kind, String endpointUrl, Instant signedAt, String signature) {
        SolanaAddress key = SolanaAddress.parse("publicKey", publicKey);
        if (kind == null) {
            throw new IllegalArgumentException("kind is missing (COMPUTING, VALIDATOR or ROUTER)");
        }
        checkEndpoint(endpointUrl);
        checkFresh(signedAt);
        Ed25519Signatures.verify(key, NodeMessages.register(hubId, key.base58(), kind.name(), endpointUrl, signedAt), signature);
        if (nodes.existsById(key.base58())) {
            throw alreadyRegistered(key);
        }
        try {
            return nodes.saveAndFlush(new Node(key.base58(), key.bytes(), kind, endpointUrl, clock.instant(),
                    stored(signedAt)));
        } catch (DataIntegrityViolationException e) {
            // the same registration sent twice at once: the other one stored it
            throw alreadyRegistered(key);
        }
    }

    @Transactional
    public Node reportStatus(String nodeId, String gpuModel, Integer gpuMemoryMb, String agentVersion,
                             Instant signedAt, String signature) {
        TextFields.optional("gpuModel", gpuModel, NodeFields.GPU_MODEL);
        NodeFields.memoryMb(gpuMemoryMb == null ? null : gpuMemoryMb.longValue());
        TextFields.optional("agentVersion", agentVersion, NodeFields.AGENT_VERSION);
        Node node = locked(nodeId);
        checkFresh(signedAt);
        Ed25519Signatures.verify(SolanaAddress.of(node.getPublicKey()),
                NodeMessages.status(hubId, nodeId, gpuModel, gpuMemoryMb, agentVersion, signedAt), signature);
        checkNewer("status report", signedAt, node.statusSignedAt());
        Instant now = clock.instant();
        node.reportStatus(now, stored(signedAt), gpuModel, gpuMemoryMb, agentVersion);
        heartbeats.save(new Heartbeat(nodeId, now, gpuModel, gpuMemoryMb, agentVersion));
        return node;
    }

    /**
     * The seed's rule: a wallet can only be bound while the node is running normally (online). A binding signed
     * before the node's current one is refused, so a captured binding cannot undo a later change.
     */
    @Transactional
    public Node bindWallet(String nodeId, String wallet, Instant signedAt, String signature) {
        SolanaAddress owner = SolanaAddress.parse("wallet", wallet);
        Node node = locked(nodeId);
        checkFresh(signedAt);
        Ed25519Signatures.verify(SolanaAddress.of(node.getPublicKey()),
                NodeMessages.bindWallet(hubId, nodeId, owner.base58(), signedAt), signature);
        checkNewer("wallet binding", signedAt, node.bindSignedAt());
        Instant now = clock.instant();
        if (!node.isOnline(now, settings.onlineWindow())) {
            throw new ConflictException("node " + nodeId + " is offline (last status "
                    + (node.getLastStatusAt() == null ? "never" : node.getLastStatusAt())
                    + "): a wallet can only be bound while the node reports status within "
                    + settings.onlineWindow());
        }
        node.acceptBinding(stored(signedAt));
        if (!owner.base58().equals(node.getOwnerWallet())) {
            bindings.save(new WalletBinding(nodeId, owner.base58(), node.getOwnerWallet(), signature, now, stored(signedAt)));
            node.bindOwner(owner.base58(), now);
        }
        return node;
    }

    @Transactional
    public Node setStake(String nodeId, long stake, String operator, String reason) {
        return setStake(nodeId, stake, operator, reason, null);
    }

    /** As {@link #setStake(String, long, String, String)}, sent over REST with API key {@code apiKeyId}. */
    @Transactional
    public Node setStake(String nodeId, long stake, String operator, String reason, Long apiKeyId) {
        if (stake < 0) {
            throw new IllegalArgumentException("stake must be >= 0 base units, got " + stake);
        }
        TextFields.required("operator", operator, NodeFields.OPERATOR);
        TextFields.required("reason", reason, NodeFields.REASON);
        Node node = locked(nodeId);
        Instant now = clock.instant();
        stakeChanges.save(new StakeChange(nodeId, node.getStake(), stake, operator, reason, now, apiKeyId));
        node.changeStake(stake, now);
        events.publishEvent(new NodeStakeChanged(nodeId, node.getKind(), stake));
        return node;
    }

    /**
     * Adds {@code delta} base units to the node's stake (a credited stake transfer, an unstake), never below 0, with a
     * stake history entry naming {@code by} and {@code reason}; joins the caller's transaction.
     */
    @Transactional
    public Node adjustStake(String nodeId, long delta, String by, String reason) {
        Node node = locked(nodeId);
        long stake = Math.max(0, Math.addExact(node.getStake(), delta));
        Instant now = clock.instant();
        stakeChanges.save(new StakeChange(nodeId, node.getStake(), stake, by, reason, now, null));
        node.changeStake(stake, now);
        events.publishEvent(new NodeStakeChanged(nodeId, node.getKind(), stake));
        return node;
    }

    /** OPS let a VALIDATOR or ROUTER node act for the Hub: from now on it gets its trigger and its credits. */
    @Transactional
    public Node approve(String nodeId, String operator, String reason) {
        TextFields.required("operator", operator, NodeFields.OPERATOR);
        TextFields.required("reason", reason, NodeFields.REASON);
        Node node = locked(nodeId);
        if (node.getKind() == NodeKind.COMPUTING) {
            throw new ConflictException("node " + nodeId + " is a COMPUTING node: only VALIDATOR and ROUTER nodes"
                    + " need an approval");
        }
        if (!node.needsApproval()) {
            throw new ConflictException("node " + nodeId + " was already approved by " + node.getApprovedBy()
                    + " at " + node.getApprovedAt());
        }
        node.approve(operator, reason, stored(clock.instant()));
        events.publishEvent(new NodeApproved(nodeId, node.getKind()));
        return node;
    }

    @Transactional(readOnly = true)
    public Optional<Node> registered(String nodeId) {
        return nodes.findById(nodeId);
    }

    @Transactional(readOnly = true)
    public Node find(String nodeId) {
        return nodes.findById(nodeId).orElseThrow(() -> unknown(nodeId));
    }

    @Transactional(readOnly = true)
    public List<Node> all() {
        return nodes.findAll(Sort.by("nodeId"));
    }

    @Transactional(readOnly = true)
    public List<Node> onlineNodes(NodeKind kind) {
        return nodes.findByKindAndLastStatusAtGreaterThanEqualOrderByNodeId(kind,
                clock.instant().minus(settings.onlineWindow()));
    }

    /** How many nodes of {@code kind} {@link #onlineNodes} holds, counted by the database. */
    @Transactional(readOnly = true)
    public long onlineCount(NodeKind kind) {
        return nodes.countByKindAndLastStatusAtGreaterThanEqual(kind, clock.instant().minus(settings.onlineWindow()));
    }

    /**
     * One page of the nodes in id order: of {@code kind} (any when null), online or offline as
     * {@link #onlineNodes} counts it (either when null).
     */
    @Transactional(readOnly = true)
    public Page<Node> page(NodeKind kind, Boolean online, int page, int size) {
        return nodes.findByKindAndOnline(kind, online, clock.instant().minus(settings.onlineWindow()),
                PageRequest.of(page, size, Sort.by("nodeId")));
    }

    /** The nodes whose owner wallet is {@code wallet} now. */
    @Transactional(readOnly = true)
    public List<Node> ownedBy(String wallet) {
        return nodes.findByOwnerWalletOrderByNodeId(wallet);
    }

    /** Whether the node counts as online now: it reported status within the online window. */
    public boolean isOnline(Node node) {
        return node.isOnline(clock.instant(), settings.onlineWindow());
    }

    @Transactional(readOnly = true)
    public List<WalletBinding> walletHistory(String nodeId) {
        find(nodeId);
        return bindings.findByNodeIdOrderByIdAsc(nodeId);
    }

    @Transactional(readOnly = true)
    public List<StakeChange> stakeHistory(String nodeId) {
        find(nodeId);
        return stakeChanges.findByNodeIdOrderByIdAsc(nodeId);
    }

    private Node locked(String nodeId) {
        return nodes.findLockedByNodeId(nodeId).orElseThrow(() -> unknown(nodeId));
    }

    /**
     * An endpoint the Hub's probes may call: http(s) with a host and a port, nothing else; an address given
     * literally must be one the probes are allowed to reach (a host name is checked at each probe, once resolved).
     */
    private void checkEndpoint(String endpointUrl) {
        if (endpointUrl == null) {
            return;
        }
        TextFields.optional("endpointUrl", endpointUrl, NodeFields.ENDPOINT_URL);
        NodeEndpoint endpoint;
        try {
            endpoint = NodeEndpoint.parse(endpointUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpointUrl " + e.getMessage());
        }
        InetAddress literal = endpoint.literalAddress();
        String refusal = literal == null ? null : probeAddresses.refusal(literal);
        if (refusal != null) {
            throw new IllegalArgumentException("endpointUrl " + endpointUrl + ": " + refusal
                    + "; the Hub's probes may not call it (mmc.probe.allowed-networks)");
        }
    }

    private void checkFresh(Instant signedAt) {
        SignedTimes.checkFresh(signedAt, clock.instant(), settings.signatureMaxAge());
    }

    private static void checkNewer(String message, Instant signedAt, Instant lastAccepted) {
        SignedTimes.checkNewer(message, signedAt, lastAccepted);
    }

    private static Instant stored(Instant time) {
        return SignedTimes.stored(time);
    }

    private static ConflictException alreadyRegistered(SolanaAddress key) {
        return new ConflictException("node " + key + " is already registered");
    }

    private static NotFoundException unknown(String nodeId) {
        return new NotFoundException("unknown node " + nodeId);
    }
}
