package network.mmc.gpu;

/** The triple loop in exact integers: the reference the executors are checked against. */
final class TextbookProduct {

    private TextbookProduct() {
    }

    static float[] of(ChallengeMatrices m) {
        int n = m.n();
        int k = m.k();
        float[] c = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (long) m.a()[i * k + p] * (long) m.b()[p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }
}
