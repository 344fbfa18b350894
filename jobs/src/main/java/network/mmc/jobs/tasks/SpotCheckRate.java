package network.mmc.jobs.tasks;

/**
 * Adaptive replication: how likely an answer of a node is re-executed to check it, from the node's track record — the
 * count {@code n} of its answers verified since its last wrong one (across every task and kind). A new node, and a
 * node just caught answering wrongly ({@code n} goes back to 0), has each of its first {@code fullChecks} answers
 * checked; then the probability falls as {@code fullChecks / n}, and never below {@code minRate}:
 * <pre>
 *   p(n) = 1                                   for n &lt; fullChecks
 *   p(n) = max(minRate, fullChecks / n)        otherwise
 * </pre>
 * With the defaults (10, 0.05): p = 1 up to 10 clean checks, 0.5 at 20, 0.1 at 100, 0.05 from 200 on. A node that
 * cheats on a fraction f of its units after a long clean run is caught within about 1 / (minRate · f) units, and a
 * catch sends it back to checks of every answer. The node cannot tell which answers are checked: the Hub draws after
 * the answer arrives.
 */
public record SpotCheckRate(int fullChecks, double minRate) {

    public SpotCheckRate {
        if (fullChecks < 1) {
            throw new IllegalArgumentException("mmc.tasks.spot-check.full-checks = " + fullChecks + " must be at least 1");
        }
        if (!(minRate > 0 && minRate <= 1)) {
            throw new IllegalArgumentException("mmc.tasks.spot-check.min-rate = " + minRate + " must be in (0, 1]");
        }
    }

    /** The probability that the next answer of a node with {@code cleanChecks} verified answers in a row is checked. */
    public double probability(long cleanChecks) {
        if (cleanChecks < 0) {
            throw new IllegalArgumentException("cleanChecks = " + cleanChecks + " cannot be negative");
        }
        if (cleanChecks < fullChecks) {
            return 1;
        }
        return Math.max(minRate, (double) fullChecks / cleanChecks);
    }
}
