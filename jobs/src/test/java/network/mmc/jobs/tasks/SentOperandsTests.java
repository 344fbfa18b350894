package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentOperandsTests {

    private final SentOperands sent = new SentOperands();

    @Test
    void aNodeKeepsTheFourPartsOfAKindItWasSentLast() {
        for (int part = 0; part < 5; part++) {
            sent.sent("node-1", TaskKind.GEMM, "task-a", part);
        }

        assertThat(sent.holds("node-1", "task-a", 0)).as("the least recently sent of five").isFalse();
        for (int part = 1; part < 5; part++) {
            assertThat(sent.holds("node-1", "task-a", part)).as("part %d", part).isTrue();
        }
        assertThat(sent.holders("task-a", 0)).isEmpty();
        assertThat(sent.holders("task-a", 4)).containsExactly("node-1");
    }

    @Test
    void aPartUsedAgainIsTheMostRecentAndOutlivesThoseSentAfterIt() {
        for (int part = 0; part < 4; part++) {
            sent.sent("node-1", TaskKind.GEMM, "task-a", part);
        }
        sent.sent("node-1", TaskKind.GEMM, "task-a", 0);
        sent.sent("node-1", TaskKind.GEMM, "task-a", 4);

        assertThat(sent.holds("node-1", "task-a", 0)).isTrue();
        assertThat(sent.holds("node-1", "task-a", 1)).isFalse();
    }

    @Test
    void aKindsOperandsDoNotPushAnotherKindsOutAsTheNodeKeepsEachKindApart() {
        for (int part = 0; part < 4; part++) {
            sent.sent("node-1", TaskKind.GEMM, "gemm-task", part);
        }
        for (int step = 0; step < 4; step++) {
            sent.sent("node-1", TaskKind.TRAINING, "training-task", step);
        }

        for (int part = 0; part < 4; part++) {
            assertThat(sent.holds("node-1", "gemm-task", part)).as("product %d", part).isTrue();
            assertThat(sent.holds("node-1", "training-task", part)).as("step %d", part).isTrue();
        }
    }

    @Test
    void aNodeThatSaysItKeepsAPartNoMoreIsNoLongerItsHolderWhileOthersStay() {
        sent.sent("node-1", TaskKind.GEMM, "task-a", 0);
        sent.sent("node-2", TaskKind.GEMM, "task-a", 0);

        sent.forget("node-1", TaskKind.GEMM, "task-a", 0);

        assertThat(sent.holds("node-1", "task-a", 0)).isFalse();
        assertThat(sent.holders("task-a", 0)).containsExactly("node-2");
    }
}
