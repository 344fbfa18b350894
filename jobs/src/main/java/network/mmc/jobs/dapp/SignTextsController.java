package network.mmc.jobs.dapp;

import network.mmc.jobs.claims.ClaimService;
import network.mmc.jobs.claims.RewardClaim;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.jobs.rewards.RewardStatement;
import network.mmc.jobs.rewards.RewardsService;
import network.mmc.jobs.rewards.WithdrawalRequest;
import network.mmc.jobs.staking.NodeStake;
import network.mmc.jobs.staking.StakeStates;
import network.mmc.jobs.staking.UnstakeMessage;
import network.mmc.jobs.staking.UnstakeRequests;
import network.mmc.jobs.staking.WalletStake;
import network.mmc.ledger.Balance;
import network.mmc.ledger.ClaimMessage;
import network.mmc.ledger.WalletAccount;
import network.mmc.ledger.WithdrawalMessage;
import network.mmc.ledger.WithdrawalRefusedException;
import network.mmc.ledger.WithdrawalRules;
import network.mmc.settlement.MmcText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The exact texts a DApp page shows and then asks the wallet to sign, composed by the same code that verifies them
 * (SETTLEMENT.md §7, §9), with the numbers the page posts beside the signature. Reading one changes nothing: the
 * API's withdrawal, claim and unstake endpoints check the signed request again, under the wallet's lock.
 */
@RestController
@RequestMapping("/dapp/wallet/{address}")
class SignTextsController {

    private final RewardsService rewards;
    private final ClaimService claims;
    private final StakeStates stakes;
    private final UnstakeRequests unstakes;
    private final String hubId;

    SignTextsController(RewardsService rewards, ClaimService claims, StakeStates stakes, UnstakeRequests unstakes,
                        @Value("${mmc.hub-id}") String hubId) {
        this.rewards = rewards;
        this.claims = claims;
        this.stakes = stakes;
        this.unstakes = unstakes;
        this.hubId = hubId;
    }

    /** A §7 withdrawal of {@code amount} base units with the wallet's next nonce. */
    record WithdrawalText(String text, long amount, long nonce) {
    }

    /** A §9 claim of the latest confirmed version holding the wallet, and what it would pay now (MMC, as text). */
    record ClaimText(String text, long version, long cumulative, String pays) {
    }

    /** A §9 unstake of {@code amount} base units of what the wallet staked for {@code node}, with its next nonce. */
    record UnstakeText(String text, String node, long amount, long nonce) {
    }

    /**
     * {@code amount} in MMC as typed ({@code 1.5}); refused, as the API would refuse the signed request, when it is
     * not a positive amount of at most 9 decimals within the withdrawable balance.
     */
    @GetMapping("/withdrawal-text")
    WithdrawalText withdrawal(@PathVariable String address, @RequestParam String amount) {
        SolanaAddress wallet = SolanaAddress.parse("wallet", address);
        long units = MmcText.parse("amount", amount, false);
        RewardStatement statement = rewards.statement(wallet.base58(), 0, 1);
        long nonce = statement.withdrawals().stream().mapToLong(WithdrawalRequest::nonce).max().orElse(0) + 1;
        try {
            WithdrawalRules.check(new WalletAccount(wallet.base58(), statement.windows() > 0, nonce - 1,
                    new Balance(statement.settled(), statement.requested())), units, nonce);
        } catch (WithdrawalRefusedException e) {
            throw e.reason() == WithdrawalRefusedException.Reason.UNKNOWN_WALLET
                    ? new NotFoundException(e.getMessage()) : new IllegalArgumentException(e.getMessage());
        }
        return new WithdrawalText(WithdrawalMessage.of(hubId, wallet.base58(), units, nonce), units, nonce);
    }

    /** 404 while no confirmed distribution holds the wallet. */
    @GetMapping("/claim-text")
    ClaimText claim(@PathVariable String address) {
        SolanaAddress wallet = SolanaAddress.parse("wallet", address);
        RewardsService.ClaimProof proof = rewards.proof(wallet.base58());
        long claimed = claims.ofWallet(wallet.base58()).stream().mapToLong(RewardClaim::amount).sum();
        return new ClaimText(ClaimMessage.of(hubId, wallet.base58(), proof.version(), proof.cumulative()),
                proof.version(), proof.cumulative(), MmcText.format(Math.max(0, proof.cumulative() - claimed)));
    }

    /**
     * {@code amount} in MMC as typed; refused when it is not positive or more than the wallet staked for the node on
     * chain and has not unstaked (404 for an unknown node).
     */
    @GetMapping("/unstake-text")
    UnstakeText unstake(@PathVariable String address, @RequestParam String node, @RequestParam String amount) {
        SolanaAddress wallet = SolanaAddress.parse("wallet", address);
        long units = MmcText.parse("amount", amount, false);
        if (units == 0) {
            throw new IllegalArgumentException("amount must be more than 0 MMC");
        }
        NodeStake staking = stakes.of(node);
        long staked = staking.wallets().stream().filter(w -> w.wallet().equals(wallet.base58()))
                .mapToLong(WalletStake::staked).sum();
        if (units > staked) {
            throw new IllegalArgumentException("amount " + units + " exceeds what wallet " + wallet + " staked for node "
                    + node + " and has not unstaked: " + staked + " base units");
        }
        long nonce = unstakes.lastNonce(wallet.base58()) + 1;
        return new UnstakeText(UnstakeMessage.of(hubId, wallet.base58(), node, units, nonce), node, units, nonce);
    }
}
