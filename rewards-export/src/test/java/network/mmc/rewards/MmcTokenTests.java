package network.mmc.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.AssociatedTokenProgram;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.programs.SystemProgram;
import org.p2p.solanaj.programs.TokenProgram;

class MmcTokenTests {

    private static final PublicKey AUTHORITY = new PublicKey(MerkleDistributionTests.filled(7));

    @Test
    void theDerivedAddressesDependOnTheAuthorityAloneAndDiffer() {
        TokenAddresses addresses = TokenAddresses.derivedFrom(AUTHORITY);

        assertThat(TokenAddresses.derivedFrom(new PublicKey(MerkleDistributionTests.filled(7)))).isEqualTo(addresses);
        assertThat(List.of(addresses.mint(), addresses.treasury(), addresses.vault())).doesNotHaveDuplicates()
                .doesNotContain(AUTHORITY);
        assertThat(addresses.mint()).isEqualTo(PublicKey.createWithSeed(AUTHORITY, "mmc-mint", TokenProgram.PROGRAM_ID));
        assertThat(addresses.treasury()).isEqualTo(TokenAddresses.associatedTokenAccount(AUTHORITY, addresses.mint()));
        assertThat(TokenAddresses.derivedFrom(new PublicKey(MerkleDistributionTests.filled(8))).mint())
                .isNotEqualTo(addresses.mint());
    }

    @Test
    void theAssociatedTokenAccountIsTheOneSolanajsCreateIdempotentCreates() {
        PublicKey wallet = new PublicKey(MerkleDistributionTests.filled(9));
        PublicKey mint = TokenAddresses.derivedFrom(AUTHORITY).mint();

        TransactionInstruction create = AssociatedTokenProgram.createIdempotent(AUTHORITY, wallet, mint);

        assertThat(create.getKeys().get(1).getPublicKey()).isEqualTo(TokenAddresses.associatedTokenAccount(wallet, mint));
    }

    @Test
    void createAccountWithSeedIsEncodedAsTheSystemProgramsBincode() {
        TokenAddresses addresses = TokenAddresses.derivedFrom(AUTHORITY);

        TransactionInstruction create = CreateAccountWithSeed.instruction(AUTHORITY, addresses.mint(), AUTHORITY,
                "mmc-mint", 1_461_600, 82, TokenProgram.PROGRAM_ID);

        byte[] data = create.getData();
        ByteBuffer fields = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(create.getProgramId()).isEqualTo(SystemProgram.PROGRAM_ID);
        assertThat(data).hasSize(4 + 32 + 8 + 8 + 8 + 8 + 32);
        assertThat(fields.getInt(0)).isEqualTo(3);
        assertThat(Arrays.copyOfRange(data, 4, 36)).isEqualTo(AUTHORITY.toByteArray());
        assertThat(fields.getLong(36)).isEqualTo(8);
        assertThat(new String(data, 44, 8, StandardCharsets.UTF_8)).isEqualTo("mmc-mint");
        assertThat(fields.getLong(52)).isEqualTo(1_461_600);
        assertThat(fields.getLong(60)).isEqualTo(82);
        assertThat(Arrays.copyOfRange(data, 68, 100)).isEqualTo(TokenProgram.PROGRAM_ID.toByteArray());
        assertThat(create.getKeys()).extracting(k -> k.getPublicKey().toBase58(), k -> k.isSigner(), k -> k.isWritable())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AUTHORITY.toBase58(), true, true),
                        org.assertj.core.groups.Tuple.tuple(addresses.mint().toBase58(), false, true),
                        org.assertj.core.groups.Tuple.tuple(AUTHORITY.toBase58(), true, false));
    }

    @Test
    void anAddressThatIsNotTheSeedsIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> CreateAccountWithSeed.instruction(AUTHORITY, AUTHORITY, AUTHORITY, "mmc-mint", 1, 82,
                TokenProgram.PROGRAM_ID)).hasMessageContaining("is not the address of seed 'mmc-mint'");
    }

    @Test
    void aClaimPayoutCreatesTheWalletsTokenAccountThenTransfersCheckedFromTheTreasuryAndNamesTheClaim() {
        TokenAddresses addresses = TokenAddresses.derivedFrom(AUTHORITY);
        PublicKey wallet = new PublicKey(MerkleDistributionTests.filled(9));

        List<TransactionInstruction> payout = MmcToken.payFromTreasury(AUTHORITY, addresses, wallet, 1_500, "claim 4");

        assertThat(payout).extracting(TransactionInstruction::getProgramId).containsExactly(
                AssociatedTokenProgram.PROGRAM_ID, TokenProgram.PROGRAM_ID, MemoProgram.PROGRAM_ID);
        TransactionInstruction transfer = payout.get(1);
        assertThat(transfer.getData()[0]).as("TransferChecked").isEqualTo((byte) 12);
        assertThat(ByteBuffer.wrap(transfer.getData(), 1, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(1_500);
        assertThat(transfer.getData()[9]).isEqualTo((byte) 9);
        assertThat(transfer.getKeys().get(0).getPublicKey()).isEqualTo(addresses.treasury());
        assertThat(transfer.getKeys().get(2).getPublicKey())
                .isEqualTo(TokenAddresses.associatedTokenAccount(wallet, addresses.mint()));
        assertThatThrownBy(() -> MmcToken.payFromTreasury(AUTHORITY, addresses, wallet, 0, "claim 5"))
                .hasMessageContaining("positive");
    }

    @Test
    void mintAndTokenAccountStatesAreReadFromTheTokenProgramsLayout() {
        byte[] mint = new byte[82];
        ByteBuffer.wrap(mint).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1).put(4, AUTHORITY.toByteArray())
                .putLong(36, 5_000_000_000L).put(44, (byte) 9).put(45, (byte) 1);
        byte[] account = new byte[165];
        PublicKey owner = new PublicKey(MerkleDistributionTests.filled(3));
        ByteBuffer.wrap(account).order(ByteOrder.LITTLE_ENDIAN).put(0, AUTHORITY.toByteArray())
                .put(32, owner.toByteArray()).putLong(64, 42).put(108, (byte) 1);

        assertThat(SplMint.parse(mint)).isEqualTo(new SplMint(AUTHORITY, 5_000_000_000L, 9, true));
        assertThat(SplTokenAccount.parse(account)).isEqualTo(new SplTokenAccount(AUTHORITY, owner, 42, 1));
        assertThatThrownBy(() -> SplMint.parse(new byte[165])).hasMessage("a mint account has 82 bytes, this one 165");
    }
}
