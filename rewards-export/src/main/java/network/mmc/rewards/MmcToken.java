package network.mmc.rewards;

import java.util.ArrayList;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.AssociatedTokenProgram;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.programs.TokenProgram;

/**
 * The MMC SPL token (9 decimals, amounts in base units as everywhere in the Hub) and the transactions the Hub
 * signs for it with its authority key: creating the mint and the stake vault, minting into the treasury, paying a
 * claim. Every instruction is solanaj's except {@link CreateAccountWithSeed}, which solanaj lacks.
 */
public final class MmcToken {

    public static final int DECIMALS = 9;
    /** Bytes of an SPL mint account and of an SPL token account. */
    public static final long MINT_SIZE = 82;
    public static final long ACCOUNT_SIZE = 165;

    private MmcToken() {
    }

    /**
     * Creates the mint at {@code addresses.mint()} (derived with {@link TokenAddresses#MINT_SEED}) with the authority
     * as its mint authority and no freeze authority.
     */
    public static List<TransactionInstruction> createMint(PublicKey authority, TokenAddresses addresses, long rentLamports) {
        return List.of(
                CreateAccountWithSeed.instruction(authority, addresses.mint(), authority, TokenAddresses.MINT_SEED,
                        rentLamports, MINT_SIZE, TokenProgram.PROGRAM_ID),
                TokenProgram.initializeMint(addresses.mint(), DECIMALS, authority, null));
    }

    /** Creates the stake vault at {@code addresses.vault()}: a token account of the mint owned by the authority. */
    public static List<TransactionInstruction> createVault(PublicKey authority, TokenAddresses addresses, long rentLamports) {
        return List.of(
                CreateAccountWithSeed.instruction(authority, addresses.vault(), authority, TokenAddresses.VAULT_SEED,
                        rentLamports, ACCOUNT_SIZE, TokenProgram.PROGRAM_ID),
                TokenProgram.initializeAccount(addresses.vault(), addresses.mint(), authority));
    }

    /** Creates the treasury, the authority's associated token account; does nothing where it exists. */
    public static TransactionInstruction createTreasury(PublicKey authority, TokenAddresses addresses) {
        return AssociatedTokenProgram.createIdempotent(authority, authority, addresses.mint());
    }

    /** Mints {@code amount} base units into the treasury; the memo makes two equal mints two transactions. */
    public static List<TransactionInstruction> mintToTreasury(PublicKey authority, TokenAddresses addresses, long amount,
                                                              String memo) {
        positive(amount);
        return List.of(TokenProgram.mintTo(addresses.mint(), addresses.treasury(), authority, amount),
                MemoProgram.writeUtf8(authority, memo));
    }

    /**
     * Pays {@code amount} base units from the treasury to {@code wallet}'s associated token account, created first
     * (rent paid by the authority) unless it exists. The memo names the claim, so two equal payouts to one wallet are
     * two transactions, and the chain shows which claim a transfer paid.
     */
    public static List<TransactionInstruction> payFromTreasury(PublicKey authority, TokenAddresses addresses,
                                                               PublicKey wallet, long amount, String memo) {
        positive(amount);
        List<TransactionInstruction> instructions = new ArrayList<>();
        instructions.add(AssociatedTokenProgram.createIdempotent(authority, wallet, addresses.mint()));
        instructions.add(TokenProgram.transferChecked(addresses.treasury(),
                TokenAddresses.associatedTokenAccount(wallet, addresses.mint()), amount, (byte) DECIMALS, authority,
                addresses.mint()));
        instructions.add(MemoProgram.writeUtf8(authority, memo));
        return List.copyOf(instructions);
    }

    private static void positive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be a positive number of base units, got " + amount);
        }
    }
}
