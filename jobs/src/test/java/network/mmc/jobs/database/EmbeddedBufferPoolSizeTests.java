package network.mmc.jobs.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedBufferPoolSizeTests {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "4T", "-1G", "4G --skip-grant-tables", "1.5G"})
    void aSizeThatIsNotBytesOrKMGIsRefusedBeforeAnythingIsCreated(String size) {
        Path dataDir = home.resolve("mariadb");

        assertThatThrownBy(() -> EmbeddedMariaDb.open(dataDir, "mmc", size, line -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer pool size")
                .hasMessageContaining("'" + size + "'");
        assertThat(dataDir).doesNotExist();
    }
}
