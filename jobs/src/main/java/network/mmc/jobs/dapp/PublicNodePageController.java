package network.mmc.jobs.dapp;

import java.time.Clock;
import java.time.Duration;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.probes.ProbeRounds;
import network.mmc.jobs.settlement.NodeRewardHistory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A node's public page, where a node's id links to: what the public API says of it, its probes and its rewards. The
 * console's page of the same node ({@code /ops/nodes/{id}}) adds the audit trails.
 */
@Controller
class PublicNodePageController {

    static final Duration PROBES_SHOWN = Duration.ofDays(7);
    static final int PROBE_RESULTS = 20;
    static final int REWARD_WINDOWS = 24;

    private final NodeRegistry registry;
    private final ProbeRounds probes;
    private final NodeRewardHistory rewards;
    private final Clock clock;

    PublicNodePageController(NodeRegistry registry, ProbeRounds probes, NodeRewardHistory rewards, Clock clock) {
        this.registry = registry;
        this.probes = probes;
        this.rewards = rewards;
        this.clock = clock;
    }

    @GetMapping("/nodes/{id}")
    String node(@PathVariable String id, Model model) {
        Node node = registry.find(id);
        model.addAttribute("node", node);
        model.addAttribute("online", registry.isOnline(node));
        model.addAttribute("probes", probes.resultsOf(id, clock.instant().minus(PROBES_SHOWN), PROBE_RESULTS));
        model.addAttribute("rewards", rewards.latest(id, REWARD_WINDOWS));
        return "dapp/node";
    }
}
