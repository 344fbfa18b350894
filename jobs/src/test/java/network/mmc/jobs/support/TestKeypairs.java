package network.mmc.jobs.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import network.mmc.node.NodeIdentity;
import org.p2p.solanaj.core.Account;

/** Solana CLI keypair files for tests, each in a temp dir of its own. */
public final class TestKeypairs {

    private TestKeypairs() {
    }

    public static Path write(Account account) {
        try {
            Path file = Files.createTempDirectory("mmc-keypair").resolve("keypair.json");
            Files.writeString(file, NodeIdentity.keypairJson(account));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
