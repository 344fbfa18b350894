package network.mmc.rewards;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.p2p.solanaj.core.PublicKey;

/**
 * An SPL mint account's state as the Token program lays it out (82 bytes): {@code mint_authority COption<Pubkey>}
 * (u32 tag + 32 bytes), {@code supply u64}, {@code decimals u8}, {@code is_initialized bool}, then the freeze authority.
 *
 * @param mintAuthority null when the supply is fixed
 */
public record SplMint(PublicKey mintAuthority, long supply, int decimals, boolean initialized) {

    public static SplMint parse(byte[] data) {
        if (data.length != MmcToken.MINT_SIZE) {
            throw new IllegalArgumentException("a mint account has " + MmcToken.MINT_SIZE + " bytes, this one "
                    + data.length);
        }
        ByteBuffer fields = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        PublicKey authority = fields.getInt(0) == 1 ? new PublicKey(Arrays.copyOfRange(data, 4, 36)) : null;
        return new SplMint(authority, fields.getLong(36), data[44] & 0xff, data[45] != 0);
    }
}
