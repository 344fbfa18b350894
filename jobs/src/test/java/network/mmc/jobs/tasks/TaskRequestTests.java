package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRequestTests {

    private static final List<TaskRequest.GemmProduct> PRODUCTS = List.of(new TaskRequest.GemmProduct(null, null, "01",
            2, 2, 2));
    private static final TaskRequest.Training TRAINING = new TaskRequest.Training("iris", null, null, new int[] {4, 3},
            1L, 8, 1, "1/4", 1);

    @Test
    void aKindsOwnFieldsPass() {
        assertThatCode(() -> new TaskRequest(TaskKind.GEMM, null, PRODUCTS, null, null, null).checkOnlyItsKindsFields())
                .doesNotThrowAnyException();
        assertThatCode(() -> new TaskRequest(TaskKind.TRAINING, null, null, null, null, TRAINING)
                .checkOnlyItsKindsFields()).doesNotThrowAnyException();
    }

    @Test
    void fieldsOfAnotherKindAreRefusedByName() {
        assertThatThrownBy(() -> new TaskRequest(TaskKind.GEMM, null, PRODUCTS, null, null, TRAINING)
                .checkOnlyItsKindsFields()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training (TRAINING) belongs to another kind of task; a GEMM task gives products");
        assertThatThrownBy(() -> new TaskRequest(TaskKind.TRAINING, null, PRODUCTS, new TaskRequest.Model(List.of()),
                new float[][] {{1}}, TRAINING).checkOnlyItsKindsFields())
                .hasMessage("products (GEMM), model (MLP_INFERENCE), inputs (MLP_INFERENCE) belong to another kind of"
                        + " task; a TRAINING task gives training");
        assertThatThrownBy(() -> new TaskRequest(TaskKind.MLP_INFERENCE, null, PRODUCTS, null, null, null)
                .checkOnlyItsKindsFields())
                .hasMessage("products (GEMM) belongs to another kind of task; an MLP_INFERENCE task gives model and"
                        + " inputs");
    }
}
