package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import network.mmc.gpu.MlpModel;
import network.mmc.jobs.tasks.TaskRequest.Layer;
import network.mmc.jobs.tasks.TaskRequest.Model;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class MlpPlanTests {

    private static final TaskSettings.Mlp LIMITS = new TaskSettings.Mlp(50, 3, 64, 5_000, DataSize.ofKilobytes(80));

    @Test
    void rowsAreCutIntoEvenBandsThatFitAUnitOnTheGpuAndOnTheWire() {
        // 8 → 16 → 4: 128 rows pad one kernel tile; the larger layer needs 4·(128·16 + 16·128 + 128·128) = 81 920
        // bytes, 80 KB, and 129 rows pad two (155 648 bytes): bands of at most 128 rows, 600 rows in 5 bands of 120
        MlpPlan plan = MlpPlan.of(model(8, 16, 4), rows(600, 8), LIMITS);

        assertThat(plan.units()).extracting(PlannedUnit::first).containsExactly(0, 120, 240, 360, 480);
        assertThat(plan.units()).extracting(PlannedUnit::last).containsExactly(120, 240, 360, 480, 600);
        assertThat(plan.units()).allSatisfy(unit -> assertThat(unit.gpuBytes()).isEqualTo(81_920));
        assertThat(MlpPlan.unitBytes(plan.model(), 128)).isLessThanOrEqualTo(80 * 1024);
        assertThat(MlpPlan.unitBytes(plan.model(), 129)).isGreaterThan(80 * 1024);
    }

    @Test
    void aUnitCostsItsFlopsAtTheConfiguredRateRoundedUpAndAtLeastOneCredit() {
        MlpModel model = MlpPlan.of(model(8, 16, 4), rows(1, 8), LIMITS).model();

        // per row 2·((8+1)·16 + (16+1)·4) = 424 flops
        assertThat(model.flopsPerRow()).isEqualTo(424);
        assertThat(MlpPlan.price(model, 120, 50)).isEqualTo(1);
        assertThat(MlpPlan.price(model, 1_000_000, 50)).isEqualTo(22); // 21.2
        assertThat(MlpPlan.price(model, 2_358_490, 1)).isEqualTo(1);   // 999 999 760 flops
        assertThat(MlpPlan.price(model, 2_358_491, 1)).isEqualTo(2);   // 1 000 000 184
    }

    @Test
    void aBadModelOrBadInputsAreRefusedNamingTheField() {
        refused(null, rows(1, 2), "model.layers is missing: give at least one layer");
        refused(new Model(List.of(layer(2, 2), layer(2, 2), layer(2, 2), layer(2, 2))), rows(1, 2),
                "model.layers has 4 layers; at most 3 are allowed (mmc.tasks.mlp.max-layers)");
        refused(new Model(List.of(layer(2, 65))), rows(1, 2), "model.layers[0].weights[0] has 65 numbers (outputs); a"
                + " layer takes and gives 1 to 64 (mmc.tasks.mlp.max-width)");
        refused(new Model(List.of(layer(2, 3), layer(4, 1))), rows(1, 2),
                "model.layers[1] takes 4 inputs (rows of weights) and model.layers[0] gives 3 outputs");
        refused(new Model(List.of(new Layer(new float[][] {{1, 2}, {3}}, new float[2]))), rows(1, 2),
                "model.layers[0].weights[1] has 1 numbers; it needs 2");
        refused(new Model(List.of(new Layer(new float[][] {{1, 2}}, new float[3]))), rows(1, 1),
                "model.layers[0].biases has 3 numbers and the layer 2 outputs");
        refused(new Model(List.of(new Layer(new float[][] {{1}}, new float[] {Float.NaN}))), rows(1, 1),
                "model.layers[0].biases[0] is beyond the FP32 range (about ±3.4e38)");
        refused(model(2, 1), null, "inputs is missing: give at least one row of 2 numbers");
        refused(model(2, 1), rows(5_001, 2), "inputs has 5001 rows; at most 5000 are allowed (mmc.tasks.mlp.max-rows)");
        refused(model(2, 1), new float[][] {{1, 2}, {3, 4, 5}}, "inputs[1] has 3 numbers; it needs 2");
        refused(model(2, 1), new float[][] {{1, Float.POSITIVE_INFINITY}},
                "inputs[0][1] is beyond the FP32 range (about ±3.4e38)");
        refused(model(64, 64, 64), rows(1, 64), "the model and one row need 131072 bytes, more than a unit may"
                + " (mmc.tasks.mlp.max-unit-bytes = 81920): give a smaller model");
    }

    private static void refused(Model model, float[][] inputs, String message) {
        assertThatThrownBy(() -> MlpPlan.of(model, inputs, LIMITS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    /** A model of these layer sizes, every weight 0.5 and bias 0. */
    private static Model model(int... sizes) {
        Layer[] layers = new Layer[sizes.length - 1];
        for (int l = 1; l < sizes.length; l++) {
            layers[l - 1] = layer(sizes[l - 1], sizes[l]);
        }
        return new Model(List.of(layers));
    }

    private static Layer layer(int inputs, int outputs) {
        float[][] weights = new float[inputs][outputs];
        for (float[] row : weights) {
            Arrays.fill(row, 0.5f);
        }
        return new Layer(weights, new float[outputs]);
    }

    private static float[][] rows(int rows, int columns) {
        return new float[rows][columns];
    }
}
