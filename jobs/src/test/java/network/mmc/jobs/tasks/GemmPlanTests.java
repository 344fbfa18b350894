package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.jobs.tasks.TaskRequest.GemmProduct;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class GemmPlanTests {

    private static final TaskSettings.Gemm LIMITS = new TaskSettings.Gemm(50, 512, 4, 100_000, DataSize.ofKilobytes(64));

    @Test
    void aProductIsCutIntoEvenBandsOfRowsThatFitAUnit() {
        // B is 64 x 64 (16 KiB); a row of A and of C 512 bytes: (65 536 - 16 384) / 512 = 96 rows fit, so 200 rows
        // make 3 bands of 67, 67 and 66
        GemmPlan plan = GemmPlan.of(List.of(seeded("01", 200, 64, 64)), LIMITS);

        assertThat(plan.units()).extracting(PlannedUnit::first).containsExactly(0, 67, 134);
        assertThat(plan.units()).extracting(PlannedUnit::last).containsExactly(67, 134, 200);
        assertThat(plan.units()).allSatisfy(unit -> assertThat(
                4L * ((long) (unit.last() - unit.first()) * 64 + 64 * 64 + (unit.last() - unit.first()) * 64))
                .isLessThanOrEqualTo(65_536));
    }

    @Test
    void aUnitCostsItsFlopsAtTheConfiguredRateRoundedUpAndAtLeastOneCredit() {
        assertThat(GemmPlan.price(1024, 1024, 1024, 50)).isEqualTo(108); // 2·1024³·50 / 10^9 = 107.37
        assertThat(GemmPlan.price(1000, 1000, 500, 1)).isEqualTo(1);     // exactly 10^9 flops
        assertThat(GemmPlan.price(1000, 1000, 501, 1)).isEqualTo(2);
        assertThat(GemmPlan.price(2, 3, 4, 50)).isEqualTo(1);

        GemmPlan plan = GemmPlan.of(List.of(seeded("01", 200, 64, 64), seeded("02", 8, 8, 8)), LIMITS);
        assertThat(plan.estimate()).isEqualTo(plan.units().stream().mapToLong(PlannedUnit::price).sum())
                .isEqualTo(4);
    }

    @Test
    void explicitOperandsAreReadRowByRowAndSeededOnesDrawnAsAChallenge() {
        GemmPlan plan = GemmPlan.of(List.of(new GemmProduct(new float[][] {{1, 2, 3}, {4, 5, 6}},
                new float[][] {{1}, {0}, {-1}}, null, null, null, null), seeded("5eed", 3, 4, 3)), LIMITS);

        assertThat(plan.products().get(0).operands().a()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(plan.products().get(0).operands().b()).containsExactly(1, 0, -1);
        assertThat(plan.products().get(1).operands().a())
                .containsExactly(MatmulChallenge.generate(new byte[] {0x5e, (byte) 0xed}, 3, 4, 3).a());
    }

    @Test
    void aUnitGoesOnlyToANodeWhoseReportedGpuMemoryHoldsItsPaddedTiles() {
        PlannedUnit unit = GemmPlan.of(List.of(seeded("01", 200, 64, 64)), LIMITS).units().get(0);

        // 67 rows of A padded to 128 x 64, B 64 x 128, C 128 x 128, as the kernel's 128 x 128 x 8 tiles need
        assertThat(unit.gpuBytes()).isEqualTo(4L * (128 * 64 + 64 * 128 + 128 * 128));
        assertThat(new TaskStore.DispatchNode("small", "http://x:1", 1, 0).holds(2L << 20)).isFalse();
        assertThat(new TaskStore.DispatchNode("large", "http://x:1", 2, 0).holds(2L << 20)).isTrue();
        assertThat(new TaskStore.DispatchNode("cpu", "http://x:1", null, 0).holds(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void refusesMalformedProductsNamingTheFieldAndTheLimit() {
        float[][] two = {{1, 2}, {3, 4}};
        refused(List.of(), "products is missing: give at least one product");
        refused(List.of(new GemmProduct(two, two, "01", 2, 2, 2)),
                "products[0] must give either a and b, or seed with m, k and n");
        refused(List.of(new GemmProduct(two, null, null, null, null, null)), "products[0].b is missing");
        refused(List.of(new GemmProduct(new float[][] {{1, 2}, {3}}, two, null, null, null, null)),
                "products[0].a[1] has 1 entries and products[0].a[0] 2; every row must have as many");
        refused(List.of(new GemmProduct(two, new float[][] {{1}}, null, null, null, null)),
                "products[0]: a has 2 columns and b 1 rows; they must be equal");
        refused(List.of(new GemmProduct(new float[][] {{1, Float.POSITIVE_INFINITY}, {3, 4}}, two, null, null, null,
                null)), "products[0].a[0][1] is beyond the FP32 range (about ±3.4e38)");
        refused(List.of(new GemmProduct(new float[][] {{1e20f}}, new float[][] {{1e20f}}, null, null, null, null)),
                "products[0]: sums of A·B may reach 1.00e+40, beyond the FP32 range (about ±3.4e38): scale the operands"
                        + " down");
        // the exact product, 3e38, is finite, but a left-to-right FP32 sum overflows on its way there
        refused(List.of(new GemmProduct(new float[][] {{3e38f, 3e38f, -3e38f}}, new float[][] {{1}, {1}, {1}}, null,
                null, null, null)), "products[0]: sums of A·B may reach 9.00e+38, beyond the FP32 range (about ±3.4e38):"
                + " scale the operands down");
        refused(List.of(seeded("zz", 2, 2, 2)), "products[0].seed is not hexadecimal (two digits per byte)");
        refused(List.of(seeded("01", 2, 513, 2)), "products[0].k = 513 must be from 1 to 512 (mmc.tasks.gemm.max-size)");
        refused(List.of(new GemmProduct(null, null, "01", 2, null, 2)), "products[0].k is missing");
        refused(List.of(seeded("01", 1, 1, 1), seeded("01", 1, 1, 1), seeded("01", 1, 1, 1), seeded("01", 1, 1, 1),
                seeded("01", 1, 1, 1)), "products has 5 products; at most 4 are allowed (mmc.tasks.gemm.max-products)");
        refused(List.of(seeded("01", 512, 8, 200)),
                "the products have 102400 entries of C in all; at most 100000 are allowed (mmc.tasks.gemm.max-outputs)");
        refused(List.of(seeded("01", 2, 128, 128)), "products[0]: B (128 x 128) and one row of A and C need 66560"
                + " bytes, more than a unit may send (mmc.tasks.gemm.max-unit-bytes = 65536)");
    }

    @Test
    void largeOperandsWhoseProductStaysInFp32AreAccepted() {
        // 1e19 · 1e19 = 1e38, below the FP32 maximum of about 3.4e38
        assertThat(GemmPlan.of(List.of(new GemmProduct(new float[][] {{1e19f}}, new float[][] {{1e19f}}, null, null,
                null, null)), LIMITS).units()).hasSize(1);
    }

    private static void refused(List<GemmProduct> products, String message) {
        assertThatThrownBy(() -> GemmPlan.of(products, LIMITS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static GemmProduct seeded(String seed, int m, int k, int n) {
        return new GemmProduct(null, null, seed, m, k, n);
    }
}
