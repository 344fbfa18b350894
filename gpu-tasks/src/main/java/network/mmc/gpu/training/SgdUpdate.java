package network.mmc.gpu.training;

/**
 * Plain SGD on the batch mean with learning rate p/q: w' = w − ⌊G·p / (n·q)⌋, G the batch's gradient sum of w and n
 * its sample count; Math.floorDiv rounds towards minus infinity. G·p is checked (an overflow is an error), and so is
 * w' against the Q16.16 range.
 */
public record SgdUpdate(int numerator, int denominator) {

    public static final int MAX_TERM = 1 << 20;

    public SgdUpdate {
        if (numerator < 1 || numerator > MAX_TERM || denominator < 1 || denominator > MAX_TERM) {
            throw new IllegalArgumentException("learning rate " + numerator + "/" + denominator
                    + ": numerator and denominator must be in [1, " + MAX_TERM + "]");
        }
    }

    public MlpParameters apply(MlpParameters parameters, GradientSums batch) {
        if (batch.length() != parameters.shape().parameterCount()) {
            throw new IllegalArgumentException(batch + " do not fit the MLP " + parameters.shape());
        }
        if (batch.samples() == 0) {
            throw new IllegalArgumentException("a step needs at least one sample");
        }
        long divisor = (long) batch.samples() * denominator;
        int[] values = parameters.values();
        for (int index = 0; index < values.length; index++) {
            long scaled;
            try {
                scaled = Math.multiplyExact(batch.sum(index), (long) numerator);
            } catch (ArithmeticException e) {
                throw new FixedPointOverflowException("gradient sum " + batch.sum(index) + " of parameter " + index
                        + " times the learning rate's numerator " + numerator + " overflows 64 bits");
            }
            values[index] = FixedPoint.narrow(values[index] - Math.floorDiv(scaled, divisor), "parameter " + index);
        }
        return new MlpParameters(parameters.shape(), values);
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
