package network.mmc.jobs.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import network.mmc.jobs.crypto.InvalidSignedRequestException;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.rewards.Distribution;
import network.mmc.jobs.rewards.Distributions;
import network.mmc.jobs.rewards.RewardStatement;
import network.mmc.jobs.rewards.RewardsService;
import network.mmc.jobs.rewards.WithdrawalRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Rewards by wallet: a search with the wallets holding the largest balances, and one wallet's balance, settled
 * windows and withdrawals as {@link RewardsService} states them. A malformed or unknown wallet answers the search
 * with what is wrong.
 */
@Controller
class RewardPagesController {

    static final int LARGEST = 20;
    static final int HISTORY_SIZE = 20;

    private final RewardsService rewards;
    private final Distributions distributions;
    private final NodeRegistry nodes;

    RewardPagesController(RewardsService rewards, Distributions distributions, NodeRegistry nodes) {
        this.rewards = rewards;
        this.distributions = distributions;
        this.nodes = nodes;
    }

    @GetMapping("/rewards")
    String search(@RequestParam(required = false) String wallet, Model model, HttpServletResponse response) {
        if (wallet == null) {
            return searchPage(model);
        }
        try {
            return "redirect:/rewards/" + SolanaAddress.parse("wallet", wallet.strip()).base58();
        } catch (InvalidSignedRequestException e) {
            return refused(HttpStatus.BAD_REQUEST, e.getMessage(), wallet, model, response);
        }
    }

    @GetMapping("/rewards/{wallet}")
    String wallet(@PathVariable("wallet") String text, @RequestParam(defaultValue = "1") String page, Model model,
                  HttpServletResponse response) {
        SolanaAddress wallet;
        try {
            wallet = SolanaAddress.parse("wallet", text);
        } catch (InvalidSignedRequestException e) {
            return refused(HttpStatus.BAD_REQUEST, e.getMessage(), text, model, response);
        }
        int number = Paging.number(page);
        RewardStatement statement = rewards.statement(wallet.base58(), number - 1, HISTORY_SIZE);
        List<Node> owned = nodes.ownedBy(wallet.base58());
        if (statement.windows() == 0 && statement.withdrawals().isEmpty() && owned.isEmpty()) {
            return refused(HttpStatus.NOT_FOUND, "wallet " + wallet + " is unknown to the Hub: no node is bound to it,"
                    + " no reward was settled to it and it asked for no withdrawal", text, model, response);
        }
        model.addAttribute("statement", statement);
        model.addAttribute("paging", Paging.of("settled windows", number, HISTORY_SIZE, statement.windows(),
                "/rewards/" + wallet.base58()));
        model.addAttribute("nodes", owned);
        model.addAttribute("synced", statement.withdrawals().stream().filter(w -> "SYNCED".equals(w.status()))
                .mapToLong(WithdrawalRequest::amount).sum());
        model.addAttribute("versions", versions(statement.withdrawals()));
        return "wallet";
    }

    /** The distribution versions the withdrawals are in, by version. */
    private Map<Long, Distribution> versions(List<WithdrawalRequest> withdrawals) {
        return withdrawals.stream().map(WithdrawalRequest::version).filter(Objects::nonNull).distinct()
                .map(distributions::version).flatMap(Optional::stream)
                .collect(Collectors.toMap(Distribution::version, Function.identity()));
    }

    private String refused(HttpStatus status, String refusal, String wallet, Model model,
                           HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("refusal", refusal);
        model.addAttribute("wallet", wallet);
        return searchPage(model);
    }

    private String searchPage(Model model) {
        model.addAttribute("largest", rewards.largestBalances(LARGEST));
        return "rewards";
    }
}
