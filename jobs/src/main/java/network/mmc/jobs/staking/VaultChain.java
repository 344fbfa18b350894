package network.mmc.jobs.staking;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import network.mmc.jobs.rewards.RewardSettings;
import network.mmc.jobs.token.ChainUnavailableException;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.rpc.RpcClient;
import org.p2p.solanaj.rpc.RpcException;
import org.p2p.solanaj.rpc.types.LatestBlockhash;
import org.p2p.solanaj.rpc.types.config.Commitment;
import org.p2p.solanaj.rpc.types.config.RpcSendTransactionConfig;
import org.springframework.stereotype.Component;

/**
 * The Solana JSON-RPC calls staking makes besides the authority's payouts: the vault's signatures
 * ({@code getSignaturesForAddress}), a transaction's wire bytes ({@code getTransaction}, base64), a recent blockhash,
 * sending an owner-signed transaction and reading its status. Read at {@code mmc.rewards.commitment}; a call the
 * cluster does not answer throws {@link ChainUnavailableException}.
 */
@Component
class VaultChain {

    private final RewardSettings settings;

    VaultChain(RewardSettings settings) {
        this.settings = settings;
    }

    /** One signature of an address's history, newest first as the RPC lists them. */
    record SignatureEntry(String signature, long slot, boolean failed) {
    }

    /**
     * A confirmed transaction: its slot, wire bytes, whether it failed, and the addresses a version 0 transaction loaded
     * from lookup tables (writable first).
     */
    record ConfirmedTransaction(long slot, byte[] wire, boolean failed, List<PublicKey> loadedAddresses) {
    }

    /** Up to {@code limit} signatures of {@code address}, newer than {@code until} and older than {@code before}. */
    List<SignatureEntry> signatures(PublicKey address, int limit, String before, String until) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("limit", limit);
        config.put("commitment", commitment());
        if (before != null) {
            config.put("before", before);
        }
        if (until != null) {
            config.put("until", until);
        }
        List<?> result = read("the signatures of " + address, () -> rpc().call("getSignaturesForAddress",
                List.of(address.toBase58(), config), List.class));
        List<SignatureEntry> entries = new ArrayList<>();
        for (Object item : result) {
            Map<?, ?> entry = (Map<?, ?>) item;
            entries.add(new SignatureEntry((String) entry.get("signature"), ((Number) entry.get("slot")).longValue(),
                    entry.get("err") != null));
        }
        return entries;
    }

    /** The transaction, or null when the cluster has none at the commitment (yet). */
    ConfirmedTransaction transaction(String signature) {
        Map<?, ?> result = read("transaction " + signature, () -> rpc().call("getTransaction", List.of(signature,
                Map.of("encoding", "base64", "commitment", commitment(), "maxSupportedTransactionVersion", 0)),
                Map.class));
        if (result == null) {
            return null;
        }
        List<?> transaction = (List<?>) result.get("transaction");
        Map<?, ?> meta = (Map<?, ?>) result.get("meta");
        List<PublicKey> loaded = new ArrayList<>();
        if (meta != null && meta.get("loadedAddresses") instanceof Map<?, ?> addresses) {
            for (String kind : List.of("writable", "readonly")) {
                if (addresses.get(kind) instanceof List<?> list) {
                    list.forEach(address -> loaded.add(new PublicKey((String) address)));
                }
            }
        }
        return new ConfirmedTransaction(((Number) result.get("slot")).longValue(),
                Base64.getDecoder().decode((String) transaction.get(0)), meta == null || meta.get("err") != null,
                List.copyOf(loaded));
    }

    LatestBlockhash.Value latestBlockhash() {
        return read("a recent blockhash", () -> rpc().getApi().getLatestBlockhash(commitmentLevel())).getValue();
    }

    /** Sends a signed transaction; the RPC's refusal (an expired blockhash, a failed simulation) is the exception's message. */
    void send(byte[] wire) throws RpcException {
        rpc().getApi().sendRawTransaction(Base64.getEncoder().encodeToString(wire), new RpcSendTransactionConfig());
    }

    /** Whether {@code signature} reached the commitment: true, false (failed on chain: throws), or null (not seen). */
    Boolean confirmed(String signature) {
        Map<?, ?> result = read("the status of " + signature, () -> rpc().call("getSignatureStatuses",
                List.of(List.of(signature), Map.of("searchTransactionHistory", true)), Map.class));
        if (!(result.get("value") instanceof List<?> values) || values.size() != 1
                || !(values.get(0) instanceof Map<?, ?> status)) {
            return null;
        }
        if (status.get("err") != null) {
            return false;
        }
        String level = String.valueOf(status.get("confirmationStatus"));
        return "finalized".equals(level) || level.equals(commitment()) || ("confirmed".equals(level)
                && "processed".equals(commitment()));
    }

    String rpcUrl() {
        return settings.rpcUrl();
    }

    private RpcClient rpc() {
        return new RpcClient(settings.rpcUrl());
    }

    private String commitment() {
        return settings.commitment().toLowerCase(Locale.ROOT);
    }

    private Commitment commitmentLevel() {
        return Commitment.valueOf(settings.commitment().toUpperCase(Locale.ROOT));
    }

    private interface Read<T> {
        T get() throws RpcException;
    }

    private <T> T read(String what, Read<T> read) {
        try {
            return read.get();
        } catch (RpcException | RuntimeException e) {
            throw new ChainUnavailableException(what + " is unknown: no answer from " + settings.rpcUrl() + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
