package network.mmc.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import network.mmc.jobs.MmcHubApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Hub for a benchmark on its own fresh embedded database under {@code bench/out/}. */
final class BenchmarkHub {

    private BenchmarkHub() {
    }

    /** {@code settings}: more {@code --key=value} settings of this benchmark's Hub. */
    static ConfigurableApplicationContext start(String name, String... settings) throws IOException {
        Path dataDir = Path.of("bench", "out", name, "mariadb").toAbsolutePath();
        if (Files.exists(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dataDir.getParent());
        return new SpringApplicationBuilder(MmcHubApplication.class)
                .web(WebApplicationType.NONE)
                .run(Stream.concat(Stream.of("--mmc.database.embedded.data-dir=" + dataDir,
                        "--logging.level.network.mmc=warn"), Stream.of(settings)).toArray(String[]::new));
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
