package network.mmc.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.StringJoiner;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.utils.Base58;
import org.p2p.solanaj.utils.TweetNaclFast;

/**
 * The node's ed25519 key: its public key (base58) is the node id. Kept in the data dir as a Solana CLI
 * keypair file (a JSON array of the 64 secret-key bytes); back the file up to keep the node id.
 */
public final class NodeIdentity {

    public static final String KEY_FILE = "node-keypair.json";

    private final Account account;

    public NodeIdentity(Account account) {
        this.account = account;
    }

    /** Loads the key from {@code dataDir}, creating a new one (readable by the owner only) on first use. */
    public static NodeIdentity loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return new NodeIdentity(Account.fromJson(Files.readString(file)));
            }
            Account account = new Account();
            writeKeypairFile(file, account);
            return new NodeIdentity(account);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node key " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a Solana keypair file (JSON array of 64 bytes)", e);
        }
    }

    /**
     * Writes a new Solana CLI keypair file, created readable by its owner only: the secret key is never, even for an
     * instant, in a file others may read. An existing file is not overwritten.
     */
    public static void writeKeypairFile(Path file, Account account) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, keypairJson(account));
    }

    /** The Solana CLI keypair file format: the 64 secret-key bytes as a JSON array. */
    public static String keypairJson(Account account) {
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (byte b : account.getSecretKey()) {
            json.add(Integer.toString(b & 0xff));
        }
        return json.toString();
    }

    public String nodeId() {
        return account.getPublicKeyBase58();
    }

    /** The base58 ed25519 signature of the UTF-8 text, as the Hub verifies it. */
    public String sign(String message) {
        TweetNaclFast.Signature signer = new TweetNaclFast.Signature(new byte[0], account.getSecretKey());
        return Base58.encode(signer.detached(message.getBytes(StandardCharsets.UTF_8)));
    }
}
