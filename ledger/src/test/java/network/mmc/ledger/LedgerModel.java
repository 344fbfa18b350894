package network.mmc.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.mmc.ledger.WithdrawalRefusedException.Reason;

/**
 * The reference the domain is checked against, written from SETTLEMENT.md §6-8 and nothing else of ours: what each
 * wallet was settled (the latest revision of every window), requested and distributed.
 */
final class LedgerModel {

    private final int wallets;
    private final Map<Integer, List<Long>> latestRewards = new HashMap<>();
    private final Map<Integer, Integer> revisions = new HashMap<>();
    private final Set<Integer> everPaid = new HashSet<>();
    private final long[] requested;
    private final long[] lastNonce;
    private final long[] waiting;
    private final long[] distributed;
    private final List<long[]> versions = new ArrayList<>();
    private boolean pending;

    LedgerModel(int wallets) {
        this.wallets = wallets;
        this.requested = new long[wallets];
        this.lastNonce = new long[wallets];
        this.waiting = new long[wallets];
        this.distributed = new long[wallets];
    }

    LedgerModel copy() {
        LedgerModel copy = new LedgerModel(wallets);
        latestRewards.forEach((w, r) -> copy.latestRewards.put(w, List.copyOf(r)));
        copy.revisions.putAll(revisions);
        copy.everPaid.addAll(everPaid);
        System.arraycopy(requested, 0, copy.requested, 0, wallets);
        System.arraycopy(lastNonce, 0, copy.lastNonce, 0, wallets);
        System.arraycopy(waiting, 0, copy.waiting, 0, wallets);
        System.arraycopy(distributed, 0, copy.distributed, 0, wallets);
        versions.forEach(v -> copy.versions.add(v.clone()));
        copy.pending = pending;
        return copy;
    }

    /** @return the revision this settlement writes */
    int settle(int window, List<Long> rewards) {
        latestRewards.put(window, List.copyOf(rewards));
        for (int w = 0; w < wallets; w++) {
            if (rewards.get(w) != 0) {
                everPaid.add(w);
            }
        }
        return revisions.merge(window, 1, Integer::sum);
    }

    long settled(int wallet) {
        return latestRewards.values().stream().mapToLong(r -> r.get(wallet)).sum();
    }

    long requested(int wallet) {
        return requested[wallet];
    }

    long lastNonce(int wallet) {
        return lastNonce[wallet];
    }

    long withdrawable(int wallet) {
        return settled(wallet) - requested[wallet];
    }

    Map<Integer, List<Long>> latestRewards() {
        return latestRewards;
    }

    int revision(int window) {
        return revisions.getOrDefault(window, 0);
    }

    /** Applies a request and says why it is refused, or empty when accepted. */
    Optional<Reason> withdraw(int wallet, long amount, long nonce) {
        if (amount <= 0 || nonce <= 0) {
            return Optional.of(Reason.MALFORMED);
        }
        if (!everPaid.contains(wallet)) {
            return Optional.of(Reason.UNKNOWN_WALLET);
        }
        if (nonce <= lastNonce[wallet]) {
            return Optional.of(Reason.STALE_NONCE);
        }
        if (amount > withdrawable(wallet)) {
            return Optional.of(Reason.OVER_BALANCE);
        }
        requested[wallet] += amount;
        waiting[wallet] += amount;
        lastNonce[wallet] = nonce;
        return Optional.empty();
    }

    boolean pending() {
        return pending;
    }

    /** @return the new version's cumulative amounts, or empty when none is made */
    Optional<long[]> export() {
        if (pending || java.util.Arrays.stream(waiting).allMatch(a -> a == 0)) {
            return Optional.empty();
        }
        for (int w = 0; w < wallets; w++) {
            distributed[w] += waiting[w];
            waiting[w] = 0;
        }
        versions.add(distributed.clone());
        pending = true;
        return Optional.of(distributed.clone());
    }

    void confirm() {
        pending = false;
    }

    List<long[]> versions() {
        return versions;
    }
}
