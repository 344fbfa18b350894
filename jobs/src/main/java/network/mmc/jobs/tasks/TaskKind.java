package network.mmc.jobs.tasks;

/** What an API user's task computes; the next kinds (inference, training) come with their own units. */
public enum TaskKind {
    GEMM
}
