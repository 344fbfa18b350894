package network.mmc.rewards;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.SystemProgram;

/**
 * The System program's {@code CreateAccountWithSeed}, which solanaj 1.27.3 does not have (its SystemProgram has
 * {@code createAccount}, whose new account must sign: the Hub would have to keep one more key per account). Encoded
 * as the System program's bincode: {@code u32 3, base [32], seed (u64 length + UTF-8), lamports u64, space u64,
 * owner [32]}, little-endian; accounts: funder (signer, writable), the new account (writable), base (signer).
 */
public final class CreateAccountWithSeed {

    static final int INDEX = 3;
    // PublicKey.createWithSeed limits seeds to 32 bytes, as the System program does
    private static final int MAX_SEED_BYTES = 32;

    private CreateAccountWithSeed() {
    }

    public static TransactionInstruction instruction(PublicKey funder, PublicKey created, PublicKey base, String seed,
                                                     long lamports, long space, PublicKey owner) {
        byte[] seedBytes = seed.getBytes(StandardCharsets.UTF_8);
        if (seedBytes.length > MAX_SEED_BYTES) {
            throw new IllegalArgumentException("seed '" + seed + "' has " + seedBytes.length + " bytes, at most "
                    + MAX_SEED_BYTES);
        }
        if (!created.equals(PublicKey.createWithSeed(base, seed, owner))) {
            throw new IllegalArgumentException(created + " is not the address of seed '" + seed + "' for base " + base);
        }
        byte[] data = ByteBuffer.allocate(4 + 32 + 8 + seedBytes.length + 8 + 8 + 32).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(INDEX).put(base.toByteArray()).putLong(seedBytes.length).put(seedBytes)
                .putLong(lamports).putLong(space).put(owner.toByteArray()).array();
        return new TransactionInstruction(SystemProgram.PROGRAM_ID, List.of(new AccountMeta(funder, true, true),
                new AccountMeta(created, false, true), new AccountMeta(base, true, false)), data);
    }
}
