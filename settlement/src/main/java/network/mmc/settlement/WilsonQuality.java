package network.mmc.settlement;

/** Quality of a node: the Wilson score lower bound of its success rate (SETTLEMENT.md §3). */
final class WilsonQuality {

    private final double z;
    private final double z2;

    WilsonQuality(double z) {
        this.z = z;
        this.z2 = z * z;
    }

    /** Evaluated in exactly the documented order, so that every implementation gets the same bits. */
    double of(long ok, long calls) {
        if (calls == 0) {
            return 0.0;
        }
        double n = (double) calls;
        double p = ok / n;
        double centre = p + z2 / (2 * n);
        double margin = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return Math.max(0, (centre - margin) / (1 + z2 / n));
    }
}
