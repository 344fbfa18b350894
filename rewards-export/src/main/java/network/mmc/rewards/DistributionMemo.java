package network.mmc.rewards;

import java.util.HexFormat;

/** The text published on chain for a version: {@code mmc-distribution:v<version>:<root hex>:<total>:<leaf count>}. */
public final class DistributionMemo {

    private DistributionMemo() {
    }

    public static String of(long version, byte[] root, long total, int leafCount) {
        return "mmc-distribution:v" + version + ":" + HexFormat.of().formatHex(root) + ":" + total + ":" + leafCount;
    }
}
