package network.mmc.jobs.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TablePageTests {

    @Test
    void aPageIsBoundedAndAPagePastTheEndIsEmpty() {
        TablePage last = TablePage.of(2, 10, 50, 25);

        assertThat(last.pages()).isEqualTo(3);
        assertThat(last.firstRow()).isEqualTo(21);
        assertThat(last.lastRow()).isEqualTo(25);
        assertThat(last.hasNext()).isFalse();
        assertThat(TablePage.of(3, 10, 50, 25).pastTheEnd()).isTrue();
        assertThat(TablePage.of(0, 10, 50, 0).pastTheEnd()).as("an empty table has one empty page").isFalse();
        assertThatThrownBy(() -> TablePage.of(-1, 10, 50, 25)).hasMessageContaining("page must be 0 or more");
        assertThatThrownBy(() -> TablePage.of(0, 51, 50, 25)).hasMessage("size must be between 1 and 50 rows, got 51");
        assertThatThrownBy(() -> TablePage.of(0, 0, 50, 25)).hasMessage("size must be between 1 and 50 rows, got 0");
    }
}
