package network.mmc.gpu.training;

/** Somewhere a shard's gradient sums are computed: a node agent, or this machine. */
public interface GradientWorker {

    String name();

    /** The shard's gradient sums as the worker answers them; throws when it gives no usable answer. */
    GradientSums gradients(MlpParameters parameters, Samples shard);
}
