package network.mmc.gpu;

/** The operands of a challenge, row-major: A is n x k, B is k x n. */
public record ChallengeMatrices(int n, int k, float[] a, float[] b) {

    public ChallengeMatrices {
        if (a.length != n * k || b.length != k * n) {
            throw new IllegalArgumentException("A has " + a.length + " and B " + b.length
                    + " entries, expected " + n * k + " each");
        }
    }
}
