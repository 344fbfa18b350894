package network.mmc.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.utils.Base58;
import org.p2p.solanaj.utils.TweetNaclFast;

class NodeIdentityTests {

    @TempDir
    Path dataDir;

    @Test
    void keepsTheSameNodeIdAcrossRestartsFromTheKeyFile() {
        String first = NodeIdentity.loadOrCreate(dataDir).nodeId();

        assertThat(NodeIdentity.loadOrCreate(dataDir).nodeId()).isEqualTo(first);
        assertThat(dataDir.resolve(NodeIdentity.KEY_FILE)).content().startsWith("[").endsWith("]");
    }

    @Test
    void aNewKeyFileIsReadableByItsOwnerOnly() throws Exception {
        NodeIdentity.loadOrCreate(dataDir);
        Path authority = dataDir.resolve("keys/authority-keypair.json");
        NodeIdentity.writeKeypairFile(authority, new Account());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(NodeIdentity.KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(authority))).isEqualTo("rw-------");
        assertThat(Account.fromJson(Files.readString(authority)).getPublicKeyBase58()).isNotBlank();
    }

    @Test
    void signsTextThatVerifiesUnderTheNodeId() {
        NodeIdentity identity = NodeIdentity.loadOrCreate(dataDir);
        byte[] message = "MMC-STATUS\nhub:x".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Base58.decode(identity.sign("MMC-STATUS\nhub:x"));

        TweetNaclFast.Signature verifier = new TweetNaclFast.Signature(Base58.decode(identity.nodeId()), new byte[0]);
        assertThat(verifier.detached_verify(message, signature)).isTrue();
        assertThat(verifier.detached_verify("MMC-STATUS\nhub:y".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }
}
