package network.mmc.gpu;

import java.util.HexFormat;

/**
 * A band of a GEMM job as it travels ({@link MatmulWireFormat}): m rows of A, and B itself or, when {@code b} is
 * null, only its hash for a node that keeps B from an earlier band of the same product.
 */
public record GemmUnit(int m, int k, int n, byte[] bHash, float[] a, float[] b) {

    public String bHashHex() {
        return HexFormat.of().formatHex(bHash);
    }

    /** The band's operands with this B (the one sent, or the one kept under {@link #bHash}). */
    public MatmulOperands operands(float[] keptB) {
        return new MatmulOperands(m, k, n, a, keptB);
    }
}
