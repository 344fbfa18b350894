package network.mmc.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import network.mmc.jobs.MmcHubApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Hub for a benchmark on its own fresh embedded database under {@code bench/out/}. */
final class BenchmarkHub {

    private static final String BUFFER_POOL = "--mmc.database.embedded.buffer-pool-size";

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

    /**
     * Another Hub in this JVM on {@code hub}'s database, with more {@code --key=value} settings: what a second Hub
     * process with other settings would be, without its start-up counted in what it is used to time.
     */
    static ConfigurableApplicationContext attach(ConfigurableApplicationContext hub, String... settings) {
        return new SpringApplicationBuilder(MmcHubApplication.class)
                .web(WebApplicationType.NONE)
                .run(Stream.concat(Stream.concat(database(hub).stream().map(setting -> "--" + setting),
                        Stream.of("--logging.level.network.mmc=warn")), Stream.of(settings)).toArray(String[]::new));
    }

    /** {@code key=value}: the settings that point another Hub, here or in a process of its own, at {@code hub}'s database. */
    static List<String> database(ConfigurableApplicationContext hub) {
        return Stream.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password")
                .map(key -> key + "=" + hub.getEnvironment().getProperty(key)).toList();
    }

    static int port(ConfigurableApplicationContext hub) {
        return ((WebServerApplicationContext) hub).getWebServer().getPort();
    }

    /** Where benchmark {@code name}'s embedded database keeps its files. */
    static Path dataDir(String name) {
        return Path.of("bench", "out", name, "mariadb").toAbsolutePath();
    }

    private static ConfigurableApplicationContext start(String name, WebApplicationType web, String... settings)
            throws IOException {
        Path dataDir = dataDir(name);
        if (Files.exists(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dataDir.getParent());
        // a 10 000 000-record window is about 2 GB with its indexes: in a smaller pool, floor and job read it from disk
        // in turns and their times swing twice over; a production server would be sized to hold a window
        Stream<String> bufferPool = Stream.of(settings).anyMatch(setting -> setting.startsWith(BUFFER_POOL + "="))
                ? Stream.empty() : Stream.of(BUFFER_POOL + "=4G");
        return new SpringApplicationBuilder(MmcHubApplication.class)
                .web(web)
                .run(Stream.of(Stream.of("--mmc.database.embedded.data-dir=" + dataDir,
                        "--logging.level.network.mmc=warn", "--server.port=0"), bufferPool, Stream.of(settings))
                        .flatMap(s -> s).toArray(String[]::new));
    }

    /** The machine's load average over the last minute, for telling a busy machine from a slow Hub; "?" off Linux. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
