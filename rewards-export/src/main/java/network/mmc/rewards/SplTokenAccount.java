package network.mmc.rewards;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.p2p.solanaj.core.PublicKey;

/**
 * An SPL token account's state as the Token program lays it out (165 bytes): {@code mint [32], owner [32],
 * amount u64}, a delegate, then {@code state u8} at byte 108 (0 uninitialized, 1 initialized, 2 frozen).
 */
public record SplTokenAccount(PublicKey mint, PublicKey owner, long amount, int state) {

    public static SplTokenAccount parse(byte[] data) {
        if (data.length != MmcToken.ACCOUNT_SIZE) {
            throw new IllegalArgumentException("a token account has " + MmcToken.ACCOUNT_SIZE + " bytes, this one "
                    + data.length);
        }
        return new SplTokenAccount(new PublicKey(Arrays.copyOfRange(data, 0, 32)),
                new PublicKey(Arrays.copyOfRange(data, 32, 64)),
                ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(64), data[108] & 0xff);
    }

    public boolean initialized() {
        return state == 1;
    }
}
