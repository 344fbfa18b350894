package network.mmc.jobs.staking;

/**
 * An unsigned stake transaction for the owner's wallet to sign ({@code transaction}, base64 wire bytes with one empty
 * signature slot), what it does in words ({@code summary}) and in parts: {@code amount} base units from the owner's
 * associated token account {@code source} to the stake vault, with {@code memo}; valid until the cluster passes
 * block height {@code lastValidBlockHeight}.
 */
public record StakeOffer(String nodeId, String wallet, long amount, String mint, String source, String vault,
                         String memo, String blockhash, long lastValidBlockHeight, String transaction, String summary) {
}
