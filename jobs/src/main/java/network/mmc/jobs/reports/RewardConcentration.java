package network.mmc.jobs.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * How concentrated a run's rewards are: the Lorenz curve (share of the pool held by the poorest x of the nodes) and
 * the share of the top 10 % of nodes (at least one node).
 *
 * @param lorenz points (share of nodes, share of rewards) from (0, 0) to (1, 1), poorest nodes first; just (0, 0)
 *               and (1, 1) when nothing was paid
 */
record RewardConcentration(List<Point> lorenz, int topNodes, long topRewards, long total) {

    record Point(double nodes, double rewards) {
    }

    static RewardConcentration of(List<Long> rewards) {
        long[] sorted = rewards.stream().mapToLong(Long::longValue).sorted().toArray();
        long total = LongStream.of(sorted).reduce(0, Math::addExact);
        int n = sorted.length;
        List<Point> lorenz = new ArrayList<>(List.of(new Point(0, 0)));
        if (total == 0 || n == 0) {
            lorenz.add(new Point(1, 1));
            return new RewardConcentration(List.copyOf(lorenz), 0, 0, 0);
        }
        long cumulative = 0;
        for (int i = 0; i < n; i++) {
            cumulative += sorted[i];
            lorenz.add(new Point((double) (i + 1) / n, (double) cumulative / total));
        }
        int top = Math.max(1, (n + 9) / 10);
        long topRewards = LongStream.of(sorted).skip(n - top).sum();
        return new RewardConcentration(List.copyOf(lorenz), top, topRewards, total);
    }

    /** The top nodes' share of what was paid, 0 to 1; 0 when nothing was paid. */
    double topShare() {
        return total == 0 ? 0 : (double) topRewards / total;
    }
}
