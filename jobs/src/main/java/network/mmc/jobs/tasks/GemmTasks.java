package network.mmc.jobs.tasks;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import network.mmc.gpu.FreivaldsVerifier;
import network.mmc.gpu.MatmulOperands;
import network.mmc.gpu.MatmulWireFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;

/**
 * GEMM tasks ({@link GemmPlan}): a unit is a band of rows of one product, sent as {@link MatmulWireFormat} to the
 * node's {@code /v1/tasks/gemm}, B by hash to a node that keeps it from an earlier band; every answer is verified with
 * Freivalds (cheap next to the product: B·r is computed once per product, so a band costs O(mk + mn) a round),
 * whatever the node's track record. The products are stored in {@code task_product}.
 */
@Component
class GemmTasks implements TaskKindHandler<GemmPlan> {

    private static final String OCTETS = "application/octet-stream";
    /** Products whose operands are kept decoded: more than the parts a dispatcher has units of in flight. */
    private static final int CACHED_PRODUCTS = 64;
    private static final long CACHED_BYTES = 128L << 20;

    private final JdbcTemplate jdbc;
    private final TaskSettings settings;
    private final StoredValueLimit limit;
    private final SecureRandom random = new SecureRandom();
    private final DecodedCache<Product> products = new DecodedCache<>(CACHED_PRODUCTS, CACHED_BYTES,
            product -> (long) Float.BYTES * ((long) product.operands().m() * product.operands().k()
                    + (long) product.operands().k() * product.operands().n()));

    /**
     * A product's operands, the hash that names its B on the wire and B's side of the Freivalds checks, drawn once for
     * all its bands.
     */
    private record Product(MatmulOperands operands, byte[] bHash, FreivaldsVerifier.PreparedB checks) {

        MatmulOperands band(QueuedUnit unit) {
            return operands.rows(unit.first(), unit.last());
        }
    }

    GemmTasks(JdbcTemplate jdbc, TaskSettings settings, StoredValueLimit limit) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.limit = limit;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.GEMM;
    }

    @Override
    public String taskType() {
        return "gemm";
    }

    @Override
    public GemmPlan plan(TaskRequest request) {
        return GemmPlan.of(request.products(), settings.gemm());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void insertInputs(String taskId, GemmPlan plan) {
        for (GemmPlan.Product product : plan.products()) {
            if (product.seed() == null) {
                limit.check("products[" + product.index() + "]'s a and b", ((long) product.a().length
                        + product.b().length) * Float.BYTES);
            }
            jdbc.update("INSERT INTO task_product (task_id, product_index, m, k, n, seed, a, b) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    taskId, product.index(), product.m(), product.k(), product.n(), product.seed(),
                    TaskStore.bytes(product.a()), TaskStore.bytes(product.b()));
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void deleteInputs(String taskId) {
        jdbc.update("DELETE FROM task_product WHERE task_id = ?", taskId);
        products.removeIf(key -> key.startsWith(taskId + ":"));
    }

    @Override
    public boolean keepsOperands() {
        return true;
    }

    @Override
    public UnitCall call(QueuedUnit unit, boolean kept) {
        Product product = product(unit);
        MatmulOperands band = product.band(unit);
        return new UnitCall(MatmulWireFormat.GEMM_PATH, OCTETS, kept ? MatmulWireFormat.encodeGemmKept(band,
                product.bHash()) : MatmulWireFormat.encodeGemm(band, product.bHash()), band.outputs() * Float.BYTES);
    }

    @Override
    public UnitVerdict judge(QueuedUnit unit, UnitCall call, byte[] answer, boolean spotCheck) {
        Product product = product(unit);
        MatmulOperands band = product.band(unit);
        float[] c = MatmulWireFormat.decode(answer, band.m(), band.n());
        if (c == null) {
            return UnitVerdict.wrong(String.format(Locale.ROOT, "answer has %d bytes, expected %d", answer.length,
                    call.answerBytes()));
        }
        boolean verified = product.checks().verify(band, c) == FreivaldsVerifier.Verdict.SUCCESS;
        return verified ? UnitVerdict.verified(answer) : UnitVerdict.wrong("C != A·B (Freivalds)");
    }

    @Override
    public void writeResult(String taskId, boolean complete, UnitResults results, JsonGenerator json)
            throws IOException {
        List<int[]> sizes = jdbc.query("SELECT m, k, n FROM task_product WHERE task_id = ? ORDER BY product_index",
                (row, i) -> new int[] {row.getInt(1), row.getInt(2), row.getInt(3)}, taskId);
        json.writeArrayPropertyStart("products");
        int[] open = {-1};
        results.each((unitIndex, product, firstRow, lastRow, bytes) -> {
            int n = sizes.get(product)[2];
            if (product != open[0]) {
                if (open[0] >= 0) {
                    json.writeEndArray();
                    json.writeEndObject();
                }
                open[0] = product;
                json.writeStartObject();
                json.writeNumberProperty("index", product);
                json.writeNumberProperty("m", sizes.get(product)[0]);
                json.writeNumberProperty("n", n);
                json.writeArrayPropertyStart("c");
            }
            TaskResults.writeRows(json, bytes, lastRow - firstRow, n);
        });
        if (open[0] >= 0) {
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * A product's operands and B's hash, kept for the next units of the same product (seeded ones cost a hash per 31
     * entries).
     */
    private Product product(QueuedUnit unit) {
        return products.get(unit.taskId() + ":" + unit.part(), () -> {
            MatmulOperands operands = jdbc.queryForObject("SELECT m, k, n, seed, a, b FROM task_product"
                            + " WHERE task_id = ? AND product_index = ?", (row, i) -> new GemmPlan.Product(unit.part(),
                            row.getInt(1), row.getInt(2), row.getInt(3), row.getBytes(4),
                            TaskStore.floats(row.getBytes(5)), TaskStore.floats(row.getBytes(6))), unit.taskId(),
                    unit.part()).operands();
            return new Product(operands, MatmulWireFormat.hashOf(operands.k(), operands.n(), operands.b()),
                    new FreivaldsVerifier(new SplittableRandom(random.nextLong()), settings.verifierRounds())
                            .prepare(operands.k(), operands.n(), operands.b()));
        });
    }
}
