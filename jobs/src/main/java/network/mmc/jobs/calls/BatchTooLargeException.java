package network.mmc.jobs.calls;

/** A REST batch with more records than {@code mmc.ingest.max-batch}: refused whole, before the rest is read. */
final class BatchTooLargeException extends RuntimeException {

    BatchTooLargeException(int maxBatch) {
        super("a batch holds at most " + maxBatch + " call records (mmc.ingest.max-batch); this one has more."
                + " Nothing was stored: send it in smaller batches", null, false, false);
    }
}
