package network.mmc.jobs.database;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the embedded MariaDB of a data dir listens and which Hub process runs it, so that a second command on the
 * same data dir (beside {@code serve}) connects to that server instead of starting another on the same files.
 */
record EmbeddedServerFile(Path file) {

    record Entry(int port, long ownerPid) {

        boolean ownerAlive() {
            return ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    Optional<Entry> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return Optional.of(new Entry(Integer.parseInt(properties.getProperty("port", "")),
                    Long.parseLong(properties.getProperty("pid", ""))));
        } catch (IOException | NumberFormatException e) {
            // a file cut short by a crash says nothing reliable: the caller starts afresh
            return Optional.empty();
        }
    }

    void write(Entry entry) {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.writeString(temporary, "# MMC Hub: the embedded MariaDB of this data dir\nport=" + entry.port()
                    + "\npid=" + entry.ownerPid() + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes the file if it still names {@code ownerPid}: a later owner's entry is left alone. */
    void deleteIfOwnedBy(long ownerPid) {
        if (read().map(entry -> entry.ownerPid() == ownerPid).orElse(false)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }
}
