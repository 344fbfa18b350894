package network.mmc.jobs.tasks;

/** What an API user's task computes; each kind has its {@link TaskKindHandler}. */
public enum TaskKind {
    GEMM,
    MLP_INFERENCE,
    TRAINING
}
