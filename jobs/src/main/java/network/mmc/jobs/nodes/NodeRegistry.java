package network.mmc.jobs.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.crypto.InvalidSignedRequestException;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.node.NodeMessages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registration, wallet binding, heartbeats and stake of nodes; every node request is ed25519-signed. */
@Service
public class NodeRegistry {

    private final NodeRepository nodes;
    private final WalletBindingRepository bindings;
    private final HeartbeatRepository heartbeats;
    private final StakeChangeRepository stakeChanges;
    private final NodeSettings settings;
    private final String hubId;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    NodeRegistry(NodeRepository nodes, WalletBindingRepository bindings, HeartbeatRepository heartbeats,
                 StakeChangeRepository stakeChanges, NodeSettings settings, @Value("${mmc.hub-id}") String hubId,
                 Clock clock, ApplicationEventPublisher events) {
        this.nodes = nodes;
        this.bindings = bindings;
        this.heartbeats = heartbeats;
        this.stakeChanges = stakeChanges;
        this.settings = settings;
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
        checkFresh(signedAt);
        Ed25519Signatures.verify(key, NodeMessages.register(hubId, key.base58(), kind.name(), endpointUrl, signedAt), signature);
        if (nodes.existsById(key.base58())) {
            throw new ConflictException("node " + key + " is already registered");
        }
        Node node = nodes.save(new Node(key.base58(), key.bytes(), kind, endpointUrl, clock.instant()));
        events.publishEvent(new NodeRegistered(node.getNodeId(), kind));
        return node;
    }

    @Transactional
    public Node reportStatus(String nodeId, String gpuModel, Integer gpuMemoryMb, String agentVersion,
                             Instant signedAt, String signature) {
        Node node = find(nodeId);
        checkFresh(signedAt);
        Ed25519Signatures.verify(SolanaAddress.of(node.getPublicKey()),
                NodeMessages.status(hubId, nodeId, gpuModel, gpuMemoryMb, agentVersion, signedAt), signature);
        Instant now = clock.instant();
        node.reportStatus(now, gpuModel, gpuMemoryMb, agentVersion);
        heartbeats.save(new Heartbeat(nodeId, now, gpuModel, gpuMemoryMb, agentVersion));
        return node;
    }

    /** The seed's rule: a wallet can only be bound while the node is running normally (online). */
    @Transactional
    public Node bindWallet(String nodeId, String wallet, Instant signedAt, String signature) {
        Node node = find(nodeId);
        SolanaAddress owner = SolanaAddress.parse("wallet", wallet);
        checkFresh(signedAt);
        Ed25519Signatures.verify(SolanaAddress.of(node.getPublicKey()),
                NodeMessages.bindWallet(hubId, nodeId, owner.base58(), signedAt), signature);
        Instant now = clock.instant();
        if (!node.isOnline(now, settings.onlineWindow())) {
            throw new ConflictException("node " + nodeId + " is offline (last status "
                    + (node.getLastStatusAt() == null ? "never" : node.getLastStatusAt())
                    + "): a wallet can only be bound while the node reports status within "
                    + settings.onlineWindow());
        }
        if (!owner.base58().equals(node.getOwnerWallet())) {
            bindings.save(new WalletBinding(nodeId, owner.base58(), node.getOwnerWallet(), signature, now));
            node.bindOwner(owner.base58(), now);
        }
        return node;
    }

    @Transactional
    public Node setStake(String nodeId, long stake, String operator, String reason) {
        if (stake < 0) {
            throw new IllegalArgumentException("stake must be >= 0 base units, got " + stake);
        }
        if (operator == null || operator.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a stake change needs an operator and a reason");
        }
        Node node = find(nodeId);
        Instant now = clock.instant();
        stakeChanges.save(new StakeChange(nodeId, node.getStake(), stake, operator, reason, now));
        node.changeStake(stake, now);
        return node;
    }

    @Transactional(readOnly = true)
    public Node find(String nodeId) {
        return nodes.findById(nodeId).orElseThrow(() -> new NotFoundException("unknown node " + nodeId));
    }

    @Transactional(readOnly = true)
    public List<Node> all() {
        return nodes.findAll(org.springframework.data.domain.Sort.by("nodeId"));
    }

    @Transactional(readOnly = true)
    public List<Node> onlineNodes(NodeKind kind) {
        return nodes.findByKindAndLastStatusAtGreaterThanEqualOrderByNodeId(kind,
                clock.instant().minus(settings.onlineWindow()));
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

    private void checkFresh(Instant signedAt) {
        if (signedAt == null) {
            throw new InvalidSignedRequestException("signedAt is missing");
        }
        Duration age = Duration.between(signedAt, clock.instant()).abs();
        if (age.compareTo(settings.signatureMaxAge()) > 0) {
            throw new InvalidSignedRequestException("signedAt " + signedAt + " is more than "
                    + settings.signatureMaxAge() + " away from the Hub's clock");
        }
    }
}
