package network.mmc.rewards;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.p2p.solanaj.core.Account;

/** The Hub's authority key from a Solana CLI keypair file (a JSON array of 64 bytes). Never logged. */
public final class AuthorityKey {

    private AuthorityKey() {
    }

    public static Account load(Path file) {
        if (file == null) {
            throw new IllegalStateException("no authority keypair configured (mmc.rewards.authority-keypair)");
        }
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("authority keypair " + file + " cannot be read: there is no such file;"
                    + " create one with `solana-keygen new -o " + file + "` or set mmc.rewards.authority-keypair");
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("authority keypair " + file + " cannot be read: permission denied for"
                    + " this user");
        } catch (IOException e) {
            throw new IllegalStateException("authority keypair " + file + " cannot be read: " + e.getMessage());
        }
        try {
            Account account = Account.fromJson(json);
            if (account.getSecretKey().length != 64) {
                throw new IllegalArgumentException("wrong length");
            }
            return account;
        } catch (RuntimeException e) {
            throw new IllegalStateException("authority keypair " + file
                    + " is not a Solana CLI keypair file (a JSON array of 64 numbers)");
        }
    }
}
