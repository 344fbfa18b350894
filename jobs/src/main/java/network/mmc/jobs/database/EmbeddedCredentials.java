package network.mmc.jobs.database;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The user and password the Hub uses on its embedded MariaDB: generated once, kept in a file only its owner may
 * read (mode 600) beside the data dir, so every Hub command on that data dir connects with the same credentials.
 */
record EmbeddedCredentials(String user, String password) {

    static final String USER = "mmc_hub";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    EmbeddedCredentials {
        if (!user.matches("[A-Za-z0-9_]{1,32}") || !password.matches("[A-Za-z0-9_-]{16,128}")) {
            // both are written into SQL text when the account is provisioned
            throw new IllegalArgumentException("malformed embedded database credentials");
        }
    }

    static EmbeddedCredentials loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                restrictToOwner(file);
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                String password = properties.getProperty("password");
                if (password == null) {
                    throw new IllegalStateException(file + " has no password; delete it to have a new one generated");
                }
                return new EmbeddedCredentials(properties.getProperty("user", USER), password);
            }
            EmbeddedCredentials created = new EmbeddedCredentials(USER, newPassword());
            created.write(file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the embedded database credentials " + file, e);
        }
    }

    private void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (isPosix()) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temporary);
        }
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write("# MMC Hub: account on the embedded MariaDB; keep this file private\n");
            writer.write("user=" + user + "\npassword=" + password + "\n");
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (isPosix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[user=" + user + ", password=(hidden)]";
    }
}
