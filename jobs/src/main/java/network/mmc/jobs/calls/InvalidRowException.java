package network.mmc.jobs.calls;

/** One row's problem, caught per row so that the good rows of the same input are still stored. */
final class InvalidRowException extends Exception {

    InvalidRowException(String reason) {
        super(reason, null, false, false);
    }
}
