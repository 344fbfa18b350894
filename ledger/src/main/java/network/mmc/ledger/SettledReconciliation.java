package network.mmc.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Σ settled ledger = Σ run allocations, to the base unit (SETTLEMENT.md §6): for every window and wallet, the sum of
 * the window's ledger lines of every revision must equal what the window's latest completed revision pays the wallet
 * ({@link RevisionPosting#rewardsByWallet}). Every window and wallet where they differ is listed.
 */
public final class SettledReconciliation {

    /** A window and wallet whose ledger lines do not sum to what the latest revision pays it. */
    public record Difference(Instant windowStart, String wallet, long ledger, long allocated) {

        public long difference() {
            return Math.subtractExact(ledger, allocated);
        }
    }

    public record Result(long ledger, long allocated, List<Difference> differences) {

        public boolean balances() {
            return ledger == allocated && differences.isEmpty();
        }
    }

    private SettledReconciliation() {
    }

    /**
     * @param allocated per window, what its latest completed revision pays each wallet; a window absent here has
     *                  no completed run, so nothing may be posted to it
     * @param ledger    per window, per wallet, the sum of the window's ledger lines
     */
    public static Result of(Map<Instant, Map<String, Long>> allocated, Map<Instant, Map<String, Long>> ledger) {
        TreeSet<Instant> windows = new TreeSet<>(allocated.keySet());
        windows.addAll(ledger.keySet());
        long ledgerTotal = 0;
        long allocatedTotal = 0;
        List<Difference> differences = new ArrayList<>();
        for (Instant window : windows) {
            Map<String, Long> paid = allocated.getOrDefault(window, Map.of());
            Map<String, Long> posted = ledger.getOrDefault(window, Map.of());
            TreeSet<String> wallets = new TreeSet<>(paid.keySet());
            wallets.addAll(posted.keySet());
            for (String wallet : wallets) {
                long p = posted.getOrDefault(wallet, 0L);
                long a = paid.getOrDefault(wallet, 0L);
                ledgerTotal = Math.addExact(ledgerTotal, p);
                allocatedTotal = Math.addExact(allocatedTotal, a);
                if (p != a) {
                    differences.add(new Difference(window, wallet, p, a));
                }
            }
        }
        return new Result(ledgerTotal, allocatedTotal, List.copyOf(differences));
    }

    /** Per window, per wallet, the sum of the lines: the shape {@link #of} takes. */
    public static Map<Instant, Map<String, Long>> sumByWindowAndWallet(List<WindowLine> lines) {
        Map<Instant, Map<String, Long>> sums = new TreeMap<>();
        for (WindowLine line : lines) {
            sums.computeIfAbsent(line.windowStart(), w -> new TreeMap<>()).merge(line.wallet(), line.amount(), Math::addExact);
        }
        return sums;
    }

    /** One ledger line with its window. */
    public record WindowLine(Instant windowStart, String wallet, long amount) {
    }
}
