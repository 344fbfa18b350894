package network.mmc.gpu;

/** The triple loop, exact: the reference the executors and the verifier are checked against. */
final class TextbookProduct {

    private TextbookProduct() {
    }

    /** C = A·B of integer entries, summed exactly in integers (C fits FP32 exactly). */
    static float[] of(MatmulOperands m) {
        float[] c = new float[m.m() * m.n()];
        for (int i = 0; i < m.m(); i++) {
            for (int j = 0; j < m.n(); j++) {
                long sum = 0;
                for (int p = 0; p < m.k(); p++) {
                    sum += (long) m.a()[i * m.k() + p] * (long) m.b()[p * m.n() + j];
                }
                c[i * m.n() + j] = sum;
            }
        }
        return c;
    }

    /** C = A·B of any FP32 entries, each dot product summed in double and rounded once to FP32. */
    static float[] rounded(MatmulOperands m) {
        float[] c = new float[m.m() * m.n()];
        for (int i = 0; i < m.m(); i++) {
            for (int j = 0; j < m.n(); j++) {
                double sum = 0;
                for (int p = 0; p < m.k(); p++) {
                    sum += (double) m.a()[i * m.k() + p] * m.b()[p * m.n() + j];
                }
                c[i * m.n() + j] = (float) sum;
            }
        }
        return c;
    }
}
