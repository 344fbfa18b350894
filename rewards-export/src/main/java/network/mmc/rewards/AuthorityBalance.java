package network.mmc.rewards;

import java.math.BigDecimal;

/**
 * The authority's SOL on a cluster, and whether it pays for a transaction. A fresh key has none: the cluster then
 * refuses every transaction it signs (on a test validator as "Transaction simulation failed").
 */
public record AuthorityBalance(String authority, long lamports, String rpcUrl) {

    /** The base fee of a transaction with one signature. */
    public static final long FEE_LAMPORTS = 5_000;

    public boolean paysAFee() {
        return lamports >= FEE_LAMPORTS;
    }

    public String sol() {
        return BigDecimal.valueOf(lamports, 9).stripTrailingZeros().toPlainString();
    }

    /** What is missing and what to do, in one line. */
    public String shortfall() {
        return "authority " + authority + " holds " + sol() + " SOL on " + rpcUrl + ", less than the " + FEE_LAMPORTS
                + " lamports of a transaction fee; fund it: `solana airdrop 1 " + authority + " --url " + rpcUrl
                + "` on a local validator or devnet, a SOL transfer to it on mainnet";
    }
}
