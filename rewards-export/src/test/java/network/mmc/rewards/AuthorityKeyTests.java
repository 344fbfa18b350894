package network.mmc.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.Account;

class AuthorityKeyTests {

    @TempDir
    Path dir;

    @Test
    void readsASolanaCliKeypairFile() throws IOException {
        Account account = new Account();
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (byte b : account.getSecretKey()) {
            json.add(Integer.toString(b & 0xff));
        }
        Path file = Files.writeString(dir.resolve("authority.json"), json.toString());

        assertThat(AuthorityKey.load(file).getPublicKeyBase58()).isEqualTo(account.getPublicKeyBase58());
    }

    @Test
    void aMissingUnreadableOrMalformedFileIsNamedWithoutShowingItsContent() throws IOException {
        Path malformed = Files.writeString(dir.resolve("bad.json"), "[1, 2, 3, \"secret-ish\"]");

        assertThatThrownBy(() -> AuthorityKey.load(dir.resolve("absent.json"))).hasMessageContaining("cannot be read")
                .hasMessageContaining("there is no such file; create one with `solana-keygen new -o")
                .message().doesNotContain("Exception");
        assertThatThrownBy(() -> AuthorityKey.load(dir)).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> AuthorityKey.load(malformed)).hasMessageContaining("is not a Solana CLI keypair file")
                .message().doesNotContain("secret-ish");
        assertThatThrownBy(() -> AuthorityKey.load(null)).hasMessageContaining("no authority keypair configured");
    }
}
