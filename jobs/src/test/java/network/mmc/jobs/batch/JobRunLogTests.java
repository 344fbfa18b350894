package network.mmc.jobs.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

class JobRunLogTests {

    @Test
    void aFailureOfOurOwnIsTakenAsItIsWrittenWithItsCauseInIt() {
        IllegalStateException failure = new IllegalStateException("distribution v3 stays unconfirmed: nothing sent",
                new RuntimeException("Transaction simulation failed: 2"));

        assertThat(JobRunLog.oneLine(failure)).isEqualTo("distribution v3 stays unconfirmed: nothing sent");
    }

    @Test
    void aFrameworkWrapperGivesWayToTheCauseItWraps() {
        DuplicateKeyException failure = new DuplicateKeyException("PreparedStatementCallback; SQL [INSERT INTO"
                + " settlement_run ...]; Duplicate entry", new SQLIntegrityConstraintViolationException(
                "Duplicate entry '2026-02-01 00:00:00-1' for key 'uq_run'"));

        assertThat(JobRunLog.oneLine(failure)).isEqualTo("Duplicate entry '2026-02-01 00:00:00-1' for key 'uq_run'");
    }

    @Test
    void aMessageOnSeveralLinesBecomesOneAndAWrapperWithoutCauseKeepsItsOwn() {
        assertThat(JobRunLog.oneLine(new IllegalArgumentException("first\n  second\r\nthird"))).isEqualTo("first second third");
        assertThat(JobRunLog.oneLine(new OptimisticLockingFailureException("version 2, current 3")))
                .isEqualTo("version 2, current 3");
        assertThat(JobRunLog.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
