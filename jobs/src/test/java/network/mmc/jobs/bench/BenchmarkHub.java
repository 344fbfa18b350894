package network.mmc.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import network.mmc.jobs.MmcHubApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Hub for a benchmark on its own fresh embedded database under {@code bench/out/}. */
final class BenchmarkHub {

    private BenchmarkHub() {
    }

    /** {@code settings}: more {@code --key=value} settings of this benchmark's Hub. */
    static ConfigurableApplicationContext start(String name, String... settings) throws IOException {
        return start(name, WebApplicationType.NONE, settings);
    }

    /** The Hub with its web server on a free port ({@link #port}). */
    static ConfigurableApplicationContext serve(String name) throws IOException {
        return start(name, WebApplicationType.SERVLET);
    }

    static int port(ConfigurableApplicationContext hub) {
        return ((WebServerApplicationContext) hub).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext start(String name, WebApplicationType web, String... settings)
            throws IOException {
        Path dataDir = Path.of("bench", "out", name, "mariadb").toAbsolutePath();
        if (Files.exists(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dataDir.getParent());
        return new SpringApplicationBuilder(MmcHubApplication.class)
                .web(web)
                .run(Stream.concat(Stream.of("--mmc.database.embedded.data-dir=" + dataDir,
                        "--logging.level.network.mmc=warn", "--server.port=0"), Stream.of(settings))
                        .toArray(String[]::new));
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
