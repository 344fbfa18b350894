package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link TaskStore} cuts a batch of answers into the multi-row inserts that store them. */
class ResultLotsTests {

    private static List<List<Integer>> lots(long limit, Integer... sizes) {
        return TaskStore.lots(List.of(sizes), Integer::longValue, limit);
    }

    @Test
    void answersThatFitTogetherGoInOneStatement() {
        assertThat(lots(100, 10, 20, 30, 40)).containsExactly(List.of(10, 20, 30, 40));
    }

    @Test
    void aLotEndsBeforeTheAnswerThatWouldPassTheLimitInOrder() {
        assertThat(lots(50, 10, 20, 30, 20, 5)).containsExactly(List.of(10, 20), List.of(30, 20), List.of(5));
    }

    @Test
    void anAnswerLargerThanTheLimitGoesAlone() {
        assertThat(lots(50, 10, 80, 10)).containsExactly(List.of(10), List.of(80), List.of(10));
    }

    @Test
    void noAnswersNoStatement() {
        assertThat(lots(50)).isEmpty();
    }
}
