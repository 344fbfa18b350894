package network.mmc.jobs.tasks;

/** What an API user's task computes; each kind has its {@link TaskKindHandler}. */
public enum TaskKind {
    GEMM("gemm"),
    MLP_INFERENCE("mlp"),
    TRAINING("training");

    private final String settings;

    TaskKind(String settings) {
        this.settings = settings;
    }

    /** Where the kind's settings live, e.g. {@code mmc.tasks.gemm}. */
    public String settingsPrefix() {
        return "mmc.tasks." + settings;
    }
}
