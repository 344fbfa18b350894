package network.mmc.jobs.dapp;

import java.util.List;
import network.mmc.jobs.claims.RewardClaim;
import network.mmc.jobs.rewards.RewardStatement;

/**
 * What a wallet's DApp page shows: its balance, one page of settled windows and its withdrawals at their stage
 * ({@code statement}), the first of its nodes ({@code nodeCount} in all), the latest confirmed distribution holding it
 * ({@code confirmedVersion} null when none) and what its claims pay in all, confirmed or in flight.
 */
public record WalletView(RewardStatement statement, List<NodeCard> nodes, int nodeCount, Long confirmedVersion,
                         long confirmedCumulative, long claimed, List<RewardClaim> claims) {

    /** What a claim of the latest confirmed version would pay now (the Hub pays cumulative − claimed, never less than 0). */
    public long claimable() {
        return confirmedVersion == null ? 0 : Math.max(0, confirmedCumulative - claimed);
    }

    /** True when the Hub knows nothing of the wallet: the page then says how a wallet gets here. */
    public boolean unknown() {
        return statement.windows() == 0 && statement.withdrawals().isEmpty() && nodeCount == 0 && claims.isEmpty();
    }
}
