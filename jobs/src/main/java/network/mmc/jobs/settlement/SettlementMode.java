package network.mmc.jobs.settlement;

/** Where {@code settlementJob} aggregates a window's partitions ({@code mmc.settlement.mode}). */
public enum SettlementMode {
    /** on threads of the process that runs the job (the default) */
    LOCAL,
    /** on {@code ./mmc-hub worker} processes, sent over RabbitMQ; the job's process waits for them */
    REMOTE
}
