package network.mmc.gpu.training;

/** A value of exact training left its fixed-point range: the step is refused instead of wrapping silently. */
public class FixedPointOverflowException extends ArithmeticException {

    public FixedPointOverflowException(String message) {
        super(message);
    }
}
