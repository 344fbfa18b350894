package network.mmc.jobs.staking;

import java.nio.charset.StandardCharsets;
import java.util.List;
import network.mmc.rewards.MmcToken;
import network.mmc.rewards.TokenAddresses;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.programs.TokenProgram;
import org.p2p.solanaj.utils.Base58;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transactions built and signed by solanaj, read back from their wire bytes as the sync reads the vault's. */
class VaultReadingTests {

    private static final String BLOCKHASH = Base58.encode(filled((byte) 9));
    private static final String NODE = new Account().getPublicKeyBase58();

    private final Account owner = new Account();
    private final Account authority = new Account();
    private final TokenAddresses token = TokenAddresses.derivedFrom(authority.getPublicKey());
    private final PublicKey ownersAccount = TokenAddresses.associatedTokenAccount(owner.getPublicKey(), token.mint());

    @Test
    void aPlainTransferWithTheStakeMemoIsADepositForTheNode() {
        VaultReading reading = read(owner, TokenProgram.transfer(ownersAccount, token.vault(), 7, owner.getPublicKey()),
                MemoProgram.writeUtf8(owner.getPublicKey(), "MMC-STAKE node:" + NODE));

        assertThat(reading).isEqualTo(new VaultReading(true, owner.getPublicKeyBase58(), ownersAccount.toBase58(), 7,
                "MMC-STAKE node:" + NODE, NODE, null));
    }

    @Test
    void aPayoutFromTheVaultIsNoDeposit() {
        VaultReading reading = read(authority, TokenProgram.transferChecked(token.vault(), ownersAccount, 7,
                (byte) MmcToken.DECIMALS, authority.getPublicKey(), token.mint()),
                MemoProgram.writeUtf8(authority.getPublicKey(), "mmc-unstake:hub:1"));

        assertThat(reading.deposit()).isFalse();
    }

    @Test
    void aTransferWithoutMemoWithAnotherMemoOrWithTwoMemosIsADepositThatCannotBeCredited() {
        assertThat(read(owner, transfer(5)).problem())
                .isEqualTo("no memo: a stake names its node with the memo 'MMC-STAKE node:<node id>'");
        VaultReading wrongMemo = read(owner, transfer(5), memo("stake for " + NODE));
        assertThat(wrongMemo.problem()).isEqualTo("the memo 'stake for " + NODE + "' is not 'MMC-STAKE node:<node id>'");
        assertThat(wrongMemo.memo()).isEqualTo("stake for " + NODE);
        assertThat(wrongMemo.amount()).isEqualTo(5);
        assertThat(read(owner, transfer(5), memo("MMC-STAKE node:" + NODE), memo("MMC-STAKE node:" + NODE)).problem())
                .isEqualTo("2 memos in one transaction: a stake has one, 'MMC-STAKE node:<node id>'");
    }

    @Test
    void twoTransfersIntoTheVaultInOneTransactionAreNotCreditedAndTheirSumIsShown() {
        VaultReading reading = read(owner, transfer(5), transfer(6), memo("MMC-STAKE node:" + NODE));

        assertThat(reading.problem()).isEqualTo("2 transfers into the stake vault in one transaction: a stake is one"
                + " transfer with its memo");
        assertThat(reading.amount()).isEqualTo(11);
    }

    @Test
    void aTransferOfNothingIsNotCredited() {
        assertThat(read(owner, transfer(0), memo("MMC-STAKE node:" + NODE)).problem())
                .isEqualTo("a transfer of 0 base units");
    }

    @Test
    void aMemoOfTheMemoProgramV2CountsToo() {
        TransactionInstruction v2 = new TransactionInstruction(VaultReading.MEMO_PROGRAMS.get(1), List.of(),
                ("MMC-STAKE node:" + NODE).getBytes(StandardCharsets.UTF_8));

        assertThat(read(owner, transfer(9), v2).nodeId()).isEqualTo(NODE);
    }

    @Test
    void bytesThatAreNoTransactionAreRefusedNamingWhy() {
        byte[] wire = signed(owner, transfer(5));

        assertThatThrownBy(() -> WireTransaction.parse(java.util.Arrays.copyOf(wire, wire.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a Solana transaction: it ends too early");
        assertThatThrownBy(() -> WireTransaction.parse(java.util.Arrays.copyOf(wire, wire.length + 1)))
                .hasMessage("not a Solana transaction: 1 bytes after the message");
        assertThatThrownBy(() -> WireTransaction.parse(new byte[1300]))
                .hasMessage("the transaction has 1300 bytes, at most 1232");
    }

    private TransactionInstruction transfer(long amount) {
        return TokenProgram.transferChecked(ownersAccount, token.vault(), amount, (byte) MmcToken.DECIMALS,
                owner.getPublicKey(), token.mint());
    }

    private TransactionInstruction memo(String text) {
        return MemoProgram.writeUtf8(owner.getPublicKey(), text);
    }

    private VaultReading read(Account signer, TransactionInstruction... instructions) {
        return VaultReading.read(WireTransaction.parse(signed(signer, instructions)).instructions(List.of()),
                token.vault());
    }

    private static byte[] signed(Account signer, TransactionInstruction... instructions) {
        Transaction transaction = new Transaction();
        for (TransactionInstruction instruction : instructions) {
            transaction.addInstruction(instruction);
        }
        transaction.setRecentBlockHash(BLOCKHASH);
        transaction.sign(signer);
        return transaction.serialize();
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }
}
