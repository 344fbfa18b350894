package network.mmc.jobs.tasks;

/**
 * One unit of a planned task, as the queue stores it: rows (or items) {@code [first, last)} of part {@code part} of the
 * task's inputs (a GEMM product, the inputs of an MLP), its price in credits (held at submission, charged when
 * verified) and the GPU memory a node needs to run it ({@code gpuBytes}; nodes reporting less do not get it).
 */
public record PlannedUnit(int index, int part, int first, int last, long price, long gpuBytes) {

    public PlannedUnit {
        if (price < 1) {
            throw new IllegalArgumentException("unit " + index + " costs " + price + " credits; every unit costs at least 1");
        }
    }
}
