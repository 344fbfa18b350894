package network.mmc.rewards;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * The Jito merkle-distributor program's {@code new_distributor} instruction: Anchor discriminator
 * {@code sha256("global:new_distributor")[0..8]}, then {@code version u64, root [u8; 32], max_total_claim u64,
 * max_num_nodes u64, start_vesting_ts i64, end_vesting_ts i64, clawback_start_ts i64}, all little-endian.
 * Accounts: distributor PDA {@code ["MerkleDistributor", mint, version]}, clawback receiver, mint, the
 * distributor's token vault (its associated token account), admin (signer), system, associated-token and
 * token programs.
 */
public final class JitoNewDistributor {

    public static final PublicKey SYSTEM_PROGRAM = new PublicKey("11111111111111111111111111111111");
    public static final PublicKey TOKEN_PROGRAM = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
    public static final PublicKey ASSOCIATED_TOKEN_PROGRAM = new PublicKey("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
    static final int DATA_LENGTH = 8 + 8 + 32 + 8 + 8 + 8 + 8 + 8;

    /** When the claims vest and when unclaimed tokens may be clawed back (unix seconds). */
    public record Schedule(long startVestingTs, long endVestingTs, long clawbackStartTs) {
    }

    private JitoNewDistributor() {
    }

    public static TransactionInstruction instruction(PublicKey program, PublicKey admin, PublicKey mint,
                                                     PublicKey clawbackReceiver, long version, byte[] root,
                                                     long maxTotalClaim, long maxNumNodes, Schedule schedule) {
        PublicKey distributor = distributor(program, mint, version);
        PublicKey vault = PublicKey.findProgramAddress(List.of(distributor.toByteArray(), TOKEN_PROGRAM.toByteArray(),
                mint.toByteArray()), ASSOCIATED_TOKEN_PROGRAM).getAddress();
        List<AccountMeta> accounts = List.of(
                new AccountMeta(distributor, false, true),
                new AccountMeta(clawbackReceiver, false, true),
                new AccountMeta(mint, false, false),
                new AccountMeta(vault, false, true),
                new AccountMeta(admin, true, true),
                new AccountMeta(SYSTEM_PROGRAM, false, false),
                new AccountMeta(ASSOCIATED_TOKEN_PROGRAM, false, false),
                new AccountMeta(TOKEN_PROGRAM, false, false));
        return new TransactionInstruction(program, accounts, data(version, root, maxTotalClaim, maxNumNodes, schedule));
    }

    public static PublicKey distributor(PublicKey program, PublicKey mint, long version) {
        byte[] versionLe = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(version).array();
        return PublicKey.findProgramAddress(List.of("MerkleDistributor".getBytes(StandardCharsets.UTF_8),
                mint.toByteArray(), versionLe), program).getAddress();
    }

    static byte[] data(long version, byte[] root, long maxTotalClaim, long maxNumNodes, Schedule schedule) {
        if (root.length != 32) {
            throw new IllegalArgumentException("root has " + root.length + " bytes, expected 32");
        }
        return ByteBuffer.allocate(DATA_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .put(discriminator("new_distributor"))
                .putLong(version).put(root).putLong(maxTotalClaim).putLong(maxNumNodes)
                .putLong(schedule.startVestingTs()).putLong(schedule.endVestingTs()).putLong(schedule.clawbackStartTs())
                .array();
    }

    /** Anchor's instruction discriminator: the first 8 bytes of sha256("global:" + name). */
    static byte[] discriminator(String instruction) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("global:" + instruction).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(hash, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
