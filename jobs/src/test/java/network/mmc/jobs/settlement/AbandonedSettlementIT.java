package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import network.mmc.jobs.calls.CallRecordLoader;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.HeldPartition;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Plain {@code settle} (every due window) recovers an execution that a {@code settle} killed with kill -9 left
 * STARTED, also when the kill came in the first step, before Spring Batch stores anything of the job's own. On a
 * database of its own, since settling every due window touches all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AbandonedSettlementIT {

    private static final TestDatabase DB = TestDatabase.get().sibling("abandoned");
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CallRecordLoader loader;

    @Autowired
    SettlementRuns runs;

    @Autowired
    Clock clock;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Test
    void plainSettleRecoversASettlementKilledInItsAggregationStep() throws Exception {
        // given: a settle killed while its window's first partition is running
        SettlementWindow window = SettlementWindow.containing(clock.instant().minus(Duration.ofHours(6)), Duration.ofHours(2));
        SettlementFixtures.callsIn(window, jdbc, loader);
        long killed;
        try (HeldPartition held = HeldPartition.of(window, DB);
             ChildHub child = ChildHub.start(DB.datasourceProperties(), "settle")) {
            killed = held.awaitHeldExecution(jdbc, DEADLINE);
            child.kill();
        }
        assertThat(status(killed)).as("the kill left it running").isEqualTo("STARTED");

        // when
        int exitCode;
        String printed;
        try (ChildHub again = ChildHub.start(DB.datasourceProperties(), "settle")) {
            exitCode = again.awaitExit(300);
            printed = again.output();
        }

        // then
        assertThat(exitCode).as(printed).isZero();
        assertThat(printed).doesNotContain("being settled right now");
        SettlementRun run = runs.latest(window).orElseThrow();
        assertThat(run.revision()).isEqualTo(1);
        assertThat(status(killed)).as("the killed execution, recovered").isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                Long.class, run.jobExecutionId())).as("the run restarted the killed job instance")
                .isEqualTo(jdbc.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                        Long.class, killed));
    }

    private String status(long execution) {
        return jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class,
                execution);
    }
}
