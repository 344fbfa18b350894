package network.mmc.jobs.tasks;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulOperands;
import network.mmc.jobs.tasks.TaskRequest.GemmProduct;

/**
 * A GEMM task checked and cut into units: each unit ({@link PlannedUnit}: part = the product, first and last its
 * rows) is a band of consecutive rows of one product (its rows of A with
 * all of B), as many rows as fit {@code max-unit-bytes}, bands of one product as even as possible. A unit's price is
 * {@code max(1, ceil(2·rows·k·n · credits-per-gflop / 10^9))} credits: its floating-point operations.
 */
public record GemmPlan(List<Product> products, List<PlannedUnit> units) implements TaskPlan {

    /** A band's C: its rows of its product's n columns. */
    @Override
    public long largestAnswerBytes() {
        return units.stream().mapToLong(unit -> (long) Float.BYTES * (unit.last() - unit.first())
                * products.get(unit.part()).n()).max().orElse(0);
    }

    private static final long GIGA = 1_000_000_000L;
    private static final int TILE_MN = 128;
    private static final int TILE_K = 8;

    /** A product's sizes, and its operands or the seed they are drawn from. */
    public record Product(int index, int m, int k, int n, byte[] seed, float[] a, float[] b) {

        public MatmulOperands operands() {
            return seed != null ? MatmulChallenge.generate(seed, m, k, n) : new MatmulOperands(m, k, n, a, b);
        }
    }

    /** Checks the request's products against the limits and cuts them; throws naming the product and what is wrong. */
    public static GemmPlan of(List<GemmProduct> requested, TaskSettings.Gemm limits) {
        if (requested == null || requested.isEmpty()) {
            throw new IllegalArgumentException("products is missing: give at least one product");
        }
        if (requested.size() > limits.maxProducts()) {
            throw new IllegalArgumentException("products has " + requested.size() + " products; at most "
                    + limits.maxProducts() + " are allowed (mmc.tasks.gemm.max-products)");
        }
        List<Product> products = new ArrayList<>();
        List<PlannedUnit> units = new ArrayList<>();
        long outputs = 0;
        for (int i = 0; i < requested.size(); i++) {
            Product product = product(i, requested.get(i), limits);
            products.add(product);
            outputs += (long) product.m() * product.n();
            cut(product, limits, units);
            if (units.size() > MAX_UNITS) {
                break;
            }
        }
        if (units.size() > MAX_UNITS) {
            throw new IllegalArgumentException("the products are cut into more than " + MAX_UNITS + " units (bands of"
                    + " rows that fit mmc.tasks.gemm.max-unit-bytes = " + limits.maxUnitBytes().toBytes() + "): give"
                    + " fewer or smaller products");
        }
        if (outputs > limits.maxOutputs()) {
            throw new IllegalArgumentException("the products have " + outputs + " entries of C in all; at most "
                    + limits.maxOutputs() + " are allowed (mmc.tasks.gemm.max-outputs)");
        }
        return new GemmPlan(List.copyOf(products), List.copyOf(units));
    }

    /** Credits of a band of {@code rows} rows of an m x k by k x n product. */
    public static long price(int rows, int k, int n, long creditsPerGflop) {
        long flops = 2L * rows * k * n;
        long cost = Math.multiplyExact(flops, creditsPerGflop);
        return Math.max(1, (cost + GIGA - 1) / GIGA);
    }

    private static Product product(int index, GemmProduct requested, TaskSettings.Gemm limits) {
        String name = "products[" + index + "]";
        if (requested == null) {
            throw new IllegalArgumentException(name + " is null: give {a, b} or {seed, m, k, n}");
        }
        boolean explicit = requested.a() != null || requested.b() != null;
        boolean seeded = requested.seed() != null || requested.m() != null || requested.k() != null
                || requested.n() != null;
        if (explicit == seeded) {
            throw new IllegalArgumentException(name + " must give either a and b, or seed with m, k and n");
        }
        return explicit ? explicit(index, name, requested, limits) : seeded(index, name, requested, limits);
    }

    private static Product explicit(int index, String name, GemmProduct requested, TaskSettings.Gemm limits) {
        if (requested.a() == null || requested.b() == null) {
            throw new IllegalArgumentException(name + "." + (requested.a() == null ? "a" : "b") + " is missing");
        }
        int m = rows(name + ".a", requested.a(), limits);
        int k = columns(name + ".a", requested.a(), limits);
        int bRows = rows(name + ".b", requested.b(), limits);
        int n = columns(name + ".b", requested.b(), limits);
        if (bRows != k) {
            throw new IllegalArgumentException(name + ": a has " + k + " columns and b " + bRows + " rows; they must"
                    + " be equal");
        }
        float[] a = flatten(name + ".a", requested.a(), k);
        float[] b = flatten(name + ".b", requested.b(), n);
        checkStaysInFp32(name, a, b, m, k, n);
        return new Product(index, m, k, n, null, a, b);
    }

    /**
     * Refuses a product whose sums may leave the FP32 range in some order of summation: a node would then answer with
     * infinities, rightly, and Freivalds would count it wrong; the user is told here instead. Every partial sum of
     * C_ij is at most Σ_p |A_ip|·max_j |B_pj| (the bound computed, in double), grown by FP32 rounding by at most
     * (1 + k·2^-24).
     */
    private static void checkStaysInFp32(String name, float[] a, float[] b, int m, int k, int n) {
        double[] rowMaxB = new double[k];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                rowMaxB[p] = Math.max(rowMaxB[p], Math.abs(b[p * n + j]));
            }
        }
        double bound = 0;
        for (int i = 0; i < m; i++) {
            double row = 0;
            for (int p = 0; p < k; p++) {
                row += Math.abs(a[i * k + p]) * rowMaxB[p];
            }
            bound = Math.max(bound, row);
        }
        if (bound * (1 + k * 0x1p-24) >= Float.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: sums of A·B may reach %.3g, beyond the"
                    + " FP32 range (about ±3.4e38): scale the operands down", name, bound));
        }
    }

    private static Product seeded(int index, String name, GemmProduct requested, TaskSettings.Gemm limits) {
        if (requested.seed() == null || requested.seed().isEmpty()) {
            throw new IllegalArgumentException(name + ".seed is missing");
        }
        byte[] seed;
        try {
            seed = HexFormat.of().parseHex(requested.seed());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ".seed is not hexadecimal (two digits per byte)");
        }
        if (seed.length > 64) {
            throw new IllegalArgumentException(name + ".seed has " + seed.length + " bytes; at most 64 are allowed");
        }
        return new Product(index, size(name + ".m", requested.m(), limits), size(name + ".k", requested.k(), limits),
                size(name + ".n", requested.n(), limits), seed, null, null);
    }

    private static int size(String field, Integer value, TaskSettings.Gemm limits) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value < 1 || value > limits.maxSize()) {
            throw new IllegalArgumentException(field + " = " + value + " must be from 1 to " + limits.maxSize()
                    + " (mmc.tasks.gemm.max-size)");
        }
        return value;
    }

    private static int rows(String field, float[][] matrix, TaskSettings.Gemm limits) {
        if (matrix.length == 0) {
            throw new IllegalArgumentException(field + " has no rows");
        }
        if (matrix.length > limits.maxSize()) {
            throw new IllegalArgumentException(field + " has " + matrix.length + " rows; at most " + limits.maxSize()
                    + " are allowed (mmc.tasks.gemm.max-size)");
        }
        return matrix.length;
    }

    private static int columns(String field, float[][] matrix, TaskSettings.Gemm limits) {
        int columns = matrix[0] == null ? 0 : matrix[0].length;
        if (columns == 0) {
            throw new IllegalArgumentException(field + "[0] is empty");
        }
        if (columns > limits.maxSize()) {
            throw new IllegalArgumentException(field + " has " + columns + " columns; at most " + limits.maxSize()
                    + " are allowed (mmc.tasks.gemm.max-size)");
        }
        return columns;
    }

    private static float[] flatten(String field, float[][] matrix, int columns) {
        float[] flat = new float[matrix.length * columns];
        for (int row = 0; row < matrix.length; row++) {
            if (matrix[row] == null || matrix[row].length != columns) {
                throw new IllegalArgumentException(field + "[" + row + "] has " + (matrix[row] == null ? 0
                        : matrix[row].length) + " entries and " + field + "[0] " + columns + "; every row must have"
                        + " as many");
            }
            for (int column = 0; column < columns; column++) {
                if (!Float.isFinite(matrix[row][column])) {
                    throw new IllegalArgumentException(field + "[" + row + "][" + column + "] is beyond the FP32 range"
                            + " (about ±3.4e38)");
                }
            }
            System.arraycopy(matrix[row], 0, flat, row * columns, columns);
        }
        return flat;
    }

    private static void cut(Product product, TaskSettings.Gemm limits, List<PlannedUnit> units) {
        int m = product.m();
        int k = product.k();
        int n = product.n();
        long entries = limits.maxUnitBytes().toBytes() / Float.BYTES;
        long rowsThatFit = (entries - (long) k * n) / (k + n);
        if (rowsThatFit < 1) {
            throw new IllegalArgumentException("products[" + product.index() + "]: B (" + k + " x " + n + ") and one row"
                    + " of A and C need " + Float.BYTES * ((long) k * n + k + n) + " bytes, more than a unit may send"
                    + " (mmc.tasks.gemm.max-unit-bytes = " + limits.maxUnitBytes().toBytes() + ")");
        }
        int bands = (int) ((m + rowsThatFit - 1) / rowsThatFit);
        int rowsPerBand = (m + bands - 1) / bands;
        for (int first = 0; first < m; first += rowsPerBand) {
            int last = Math.min(m, first + rowsPerBand);
            long gpuBytes = (long) Float.BYTES * ((long) roundUp(last - first, TILE_MN) * roundUp(k, TILE_K)
                    + (long) roundUp(k, TILE_K) * roundUp(n, TILE_MN) + (long) roundUp(last - first, TILE_MN)
                    * roundUp(n, TILE_MN));
            units.add(new PlannedUnit(units.size(), product.index(), first, last,
                    price(last - first, k, n, limits.creditsPerGflop()), gpuBytes));
        }
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
