package network.mmc.jobs.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.probes.ProbeRounds;
import network.mmc.jobs.settlement.NodeRewardHistory;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The registered nodes, by kind and online state, and one node with its status, probes, rewards and history. */
@Controller
class NodePagesController {

    static final int PAGE_SIZE = 50;
    static final Duration PROBES_SHOWN = Duration.ofDays(7);
    static final int PROBE_RESULTS = 20;
    static final int REWARD_WINDOWS = 24;

    private final NodeRegistry registry;
    private final ProbeRounds probes;
    private final NodeRewardHistory rewards;
    private final Clock clock;

    NodePagesController(NodeRegistry registry, ProbeRounds probes, NodeRewardHistory rewards, Clock clock) {
        this.registry = registry;
        this.probes = probes;
        this.rewards = rewards;
        this.clock = clock;
    }

    /** A node as the list shows it: the entity and whether it counts as online now. */
    public record NodeLine(Node node, boolean online) {
    }

    @GetMapping("/ops/nodes")
    String nodes(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String online,
                 @RequestParam(defaultValue = "1") String page, Model model) {
        NodeKind nodeKind = kind(kind);
        Boolean isOnline = online(online);
        int number = Paging.number(page);
        Page<Node> nodes = registry.page(nodeKind, isOnline, number - 1, PAGE_SIZE);
        String link = UriComponentsBuilder.fromPath("/ops/nodes")
                .queryParamIfPresent("kind", Optional.ofNullable(nodeKind))
                .queryParamIfPresent("online", Optional.ofNullable(isOnline).map(on -> on ? "online" : "offline"))
                .build().toUriString();
        model.addAttribute("paging", Paging.of("nodes", number, PAGE_SIZE, nodes.getTotalElements(), link));
        model.addAttribute("lines", nodes.getContent().stream()
                .map(node -> new NodeLine(node, registry.isOnline(node))).toList());
        model.addAttribute("kinds", NodeKind.values());
        model.addAttribute("kind", nodeKind == null ? "" : nodeKind.name());
        model.addAttribute("online", isOnline == null ? "" : isOnline ? "online" : "offline");
        return "nodes";
    }

    @GetMapping("/ops/nodes/{id}")
    String node(@PathVariable String id, Model model) {
        Node node = registry.find(id);
        model.addAttribute("node", node);
        model.addAttribute("online", registry.isOnline(node));
        model.addAttribute("probes", probes.resultsOf(id, clock.instant().minus(PROBES_SHOWN), PROBE_RESULTS));
        model.addAttribute("rewards", rewards.latest(id, REWARD_WINDOWS));
        model.addAttribute("wallets", registry.walletHistory(id));
        model.addAttribute("stakes", registry.stakeHistory(id));
        return "node";
    }

    private static NodeKind kind(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return NodeKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be one of " + Arrays.toString(NodeKind.values())
                    + " or empty for every kind, got '" + text + "'");
        }
    }

    private static Boolean online(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "", "any" -> null;
            case "online" -> true;
            case "offline" -> false;
            default -> throw new IllegalArgumentException("online must be online, offline or any, got '" + text + "'");
        };
    }
}
