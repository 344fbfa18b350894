package network.mmc.rewards;

import java.util.List;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.programs.AssociatedTokenProgram;
import org.p2p.solanaj.programs.TokenProgram;

/**
 * Where the MMC token lives: its mint, the treasury claims are paid from, and the stake vault.
 * {@link #derivedFrom} gives the addresses the Hub creates for itself (`token setup`): mint and vault are accounts
 * derived from the authority key with a fixed seed (so a second setup finds them and creates nothing, and no other
 * key has to be kept), the treasury is the authority's associated token account.
 */
public record TokenAddresses(PublicKey mint, PublicKey treasury, PublicKey vault) {

    public static final String MINT_SEED = "mmc-mint";
    public static final String VAULT_SEED = "mmc-stake-vault";

    public static TokenAddresses derivedFrom(PublicKey authority) {
        PublicKey mint = PublicKey.createWithSeed(authority, MINT_SEED, TokenProgram.PROGRAM_ID);
        return new TokenAddresses(mint, associatedTokenAccount(authority, mint),
                PublicKey.createWithSeed(authority, VAULT_SEED, TokenProgram.PROGRAM_ID));
    }

    /** The associated token account of {@code owner} for {@code mint} (solanaj computes it only inside its instructions). */
    public static PublicKey associatedTokenAccount(PublicKey owner, PublicKey mint) {
        return PublicKey.findProgramAddress(List.of(owner.toByteArray(), TokenProgram.PROGRAM_ID.toByteArray(),
                mint.toByteArray()), AssociatedTokenProgram.PROGRAM_ID).getAddress();
    }
}
