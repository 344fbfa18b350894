package network.mmc.jobs.nodes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import network.mmc.jobs.apikeys.ApiKey;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/nodes")
class NodeController {

    private final NodeRegistry registry;

    NodeController(NodeRegistry registry) {
        this.registry = registry;
    }

    record RegisterRequest(String publicKey, NodeKind kind, String endpointUrl, Instant signedAt, String signature) {
    }

    record StatusRequest(String gpuModel, Long gpuMemoryMb, String agentVersion, Instant signedAt, String signature) {
    }

    record BindWalletRequest(String wallet, Instant signedAt, String signature) {
    }

    record StakeRequest(Long stake, String operator, String reason) {
    }

    record ApprovalRequest(String operator, String reason) {
    }

    record NodeView(String nodeId, NodeKind kind, String ownerWallet, long stake, boolean suspended,
                    String endpointUrl, Instant registeredAt, Instant lastStatusAt, String gpuModel,
                    Integer gpuMemoryMb, String agentVersion, Instant approvedAt) {

        static NodeView of(Node node) {
            return new NodeView(node.getNodeId(), node.getKind(), node.getOwnerWallet(), node.getStake(),
                    node.isSuspended(), node.getEndpointUrl(), node.getRegisteredAt(), node.getLastStatusAt(),
                    node.getGpuModel(), node.getGpuMemoryMb(), node.getAgentVersion(), node.getApprovedAt());
        }
    }

    record ApprovalView(String nodeId, NodeKind kind, Instant approvedAt, String approvedBy, String reason) {
    }

    record BindingView(String wallet, String previousWallet, Instant boundAt) {
    }

    record StakeChangeView(Instant changedAt, long previousStake, long newStake, String changedBy, String reason,
                           Long apiKeyId) {
    }

    @Operation(summary = "Register a node", description = "Signed by the node's key over `MMC-REGISTER`; the node id"
            + " is the base58 public key.")
    @ApiResponse(responseCode = "201", description = "The node as registered")
    @ApiResponse(responseCode = "409", description = "The node is already registered")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    NodeView register(@RequestBody RegisterRequest request) {
        return NodeView.of(registry.register(request.publicKey(), request.kind(), request.endpointUrl(),
                request.signedAt(), request.signature()));
    }

    @Operation(summary = "Report a node's status (heartbeat)", description = "Signed by the node's key over"
            + " `MMC-STATUS`; online means a status within mmc.nodes.online-window.")
    @ApiResponse(responseCode = "200", description = "The node with its new status")
    @ApiResponse(responseCode = "404", description = "No such node")
    @ApiResponse(responseCode = "409", description = "Not signed later than the node's last accepted status (a replay)")
    @PostMapping("/{nodeId}/status")
    NodeView status(@PathVariable String nodeId, @RequestBody StatusRequest request) {
        return NodeView.of(registry.reportStatus(nodeId, request.gpuModel(), NodeFields.memoryMb(request.gpuMemoryMb()),
                request.agentVersion(), request.signedAt(), request.signature()));
    }

    @Operation(summary = "Bind the node's owner wallet", description = "Signed by the node's key over"
            + " `MMC-BIND-WALLET`; only while the node is online. Re-binding keeps the history.")
    @ApiResponse(responseCode = "200", description = "The node with its owner wallet")
    @ApiResponse(responseCode = "404", description = "No such node")
    @ApiResponse(responseCode = "409", description = "The node is offline, or the binding is not signed later than"
            + " its last accepted one (a replay)")
    @PostMapping("/{nodeId}/wallet")
    NodeView bindWallet(@PathVariable String nodeId, @RequestBody BindWalletRequest request) {
        return NodeView.of(registry.bindWallet(nodeId, request.wallet(), request.signedAt(), request.signature()));
    }

    @Operation(summary = "A node's wallet bindings, oldest first")
    @ApiResponse(responseCode = "200", description = "The bindings, oldest first")
    @ApiResponse(responseCode = "404", description = "No such node")
    @GetMapping("/{nodeId}/wallet/history")
    List<BindingView> walletHistory(@PathVariable String nodeId) {
        return registry.walletHistory(nodeId).stream()
                .map(b -> new BindingView(b.getWallet(), b.getPreviousWallet(), b.getBoundAt()))
                .toList();
    }

    @Operation(summary = "Set a node's stake (base units)", description = "Kept in the stake history with operator,"
            + " reason and the id of the API key that sent it.")
    @ApiResponse(responseCode = "200", description = "The node with its new stake")
    @ApiResponse(responseCode = "404", description = "No such node")
    @PutMapping("/{nodeId}/stake")
    @RequiresRole(Role.OPS)
    NodeView setStake(@Parameter(hidden = true) @RequestAttribute(RequiresRole.AUTHENTICATED_KEY) ApiKey key,
                      @PathVariable String nodeId, @RequestBody StakeRequest request) {
        if (request.stake() == null) {
            throw new IllegalArgumentException("stake is missing");
        }
        return NodeView.of(registry.setStake(nodeId, request.stake(), request.operator(), request.reason(),
                key.getId()));
    }

    @Operation(summary = "A node's stake changes, oldest first (base units)")
    @ApiResponse(responseCode = "200", description = "The stake changes")
    @ApiResponse(responseCode = "404", description = "No such node")
    @GetMapping("/{nodeId}/stake/history")
    @RequiresRole(Role.FINANCE)
    List<StakeChangeView> stakeHistory(@PathVariable String nodeId) {
        return registry.stakeHistory(nodeId).stream()
                .map(c -> new StakeChangeView(c.getChangedAt(), c.getPreviousStake(), c.getNewStake(),
                        c.getChangedBy(), c.getReason(), c.getApiKeyId()))
                .toList();
    }

    @Operation(summary = "Approve a VALIDATOR or ROUTER node", description = "Once; a validator gets its probe trigger"
            + " and round credits from then on.")
    @ApiResponse(responseCode = "200", description = "The approval")
    @ApiResponse(responseCode = "404", description = "No such node")
    @ApiResponse(responseCode = "409", description = "A COMPUTING node, or one approved already")
    @PostMapping("/{nodeId}/approval")
    @RequiresRole(Role.OPS)
    ApprovalView approve(@PathVariable String nodeId, @RequestBody ApprovalRequest request) {
        Node node = registry.approve(nodeId, request.operator(), request.reason());
        return new ApprovalView(node.getNodeId(), node.getKind(), node.getApprovedAt(), node.getApprovedBy(),
                node.getApprovalReason());
    }

    @Operation(summary = "One node")
    @ApiResponse(responseCode = "200", description = "The node")
    @ApiResponse(responseCode = "404", description = "No such node")
    @GetMapping("/{nodeId}")
    NodeView node(@PathVariable String nodeId) {
        return NodeView.of(registry.find(nodeId));
    }

    @Operation(summary = "Every registered node")
    @GetMapping
    List<NodeView> nodes() {
        return registry.all().stream().map(NodeView::of).toList();
    }
}
