package network.mmc.jobs.rewards;

import java.util.List;

/**
 * A wallet's balance, one page of its history ({@code windows} settled windows in all, newest first) and its
 * withdrawals, read at one point in time: the amounts of all history pages sum to {@code settled}.
 */
public record RewardStatement(String wallet, long settled, long requested, long withdrawable, int page, int size,
                              long windows, List<RewardHistoryLine> history, List<WithdrawalRequest> withdrawals) {
}
