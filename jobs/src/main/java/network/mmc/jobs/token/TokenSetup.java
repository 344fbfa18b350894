package network.mmc.jobs.token;

import java.util.List;
import network.mmc.rewards.SplMint;

/**
 * The token after {@code token setup}: its addresses, whether they were configured, what this setup created (none
 * on a second run) in which transaction, the mint's state and the treasury's and vault's balances in base units.
 */
public record TokenSetup(String mint, String treasury, String vault, boolean configured, List<String> created,
                         String signature, SplMint mintState, long treasuryBalance, long vaultBalance) {
}
