package network.mmc.jobs.staking;

import java.util.Arrays;
import java.util.List;
import network.mmc.jobs.staking.WireTransaction.Instruction;
import network.mmc.rewards.TokenAddresses;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.programs.TokenProgram;
import org.p2p.solanaj.utils.Base58;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StakeTransactionTests {

    private static final String BLOCKHASH = Base58.encode(filled((byte) 7));
    private static final String NODE = new Account().getPublicKeyBase58();

    private final Account owner = new Account();
    private final TokenAddresses token = TokenAddresses.derivedFrom(new Account().getPublicKey());

    @Test
    void theUnsignedTransactionIsWhatSolanajSignsByTheOwnerLessTheSignature() {
        StakeTransaction stake = new StakeTransaction(owner.getPublicKey(), NODE, 2_500_000_000L, token);
        Transaction signedBySolanaj = new Transaction();
        stake.instructions().forEach(signedBySolanaj::addInstruction);
        signedBySolanaj.setRecentBlockHash(BLOCKHASH);
        signedBySolanaj.sign(owner);
        byte[] oracle = signedBySolanaj.serialize();

        byte[] unsigned = stake.unsigned(BLOCKHASH);

        assertThat(unsigned).hasSameSizeAs(oracle);
        assertThat(unsigned[0]).as("one signature slot").isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(unsigned, 1, 65)).as("empty").containsOnly(0);
        assertThat(Arrays.copyOfRange(unsigned, 65, unsigned.length)).isEqualTo(Arrays.copyOfRange(oracle, 65, oracle.length));
        assertThat(WireTransaction.parse(oracle).message()).isEqualTo(stake.message(BLOCKHASH));
    }

    @Test
    void itsMessageIsATransferCheckedFromTheOwnersTokenAccountToTheVaultAndTheMemoFeePaidByTheOwner() {
        StakeTransaction stake = new StakeTransaction(owner.getPublicKey(), NODE, 42, token);

        WireTransaction read = WireTransaction.parse(stake.unsigned(BLOCKHASH));
        List<Instruction> instructions = read.instructions(List.of());

        assertThat(read.feePayer()).isEqualTo(owner.getPublicKey());
        assertThat(read.requiredSignatures()).isEqualTo(1);
        assertThat(read.blockhash()).isEqualTo(BLOCKHASH);
        assertThat(instructions).hasSize(2);
        assertThat(instructions.get(0).program()).isEqualTo(TokenProgram.PROGRAM_ID);
        assertThat(instructions.get(0).accounts()).containsExactly(
                TokenAddresses.associatedTokenAccount(owner.getPublicKey(), token.mint()), token.mint(), token.vault(),
                owner.getPublicKey());
        assertThat(instructions.get(1).program()).isEqualTo(MemoProgram.PROGRAM_ID);
        assertThat(new String(instructions.get(1).data())).isEqualTo("MMC-STAKE node:" + NODE);
        VaultReading reading = VaultReading.read(instructions, token.vault());
        assertThat(reading.deposit()).isTrue();
        assertThat(reading.problem()).isNull();
        assertThat(reading.nodeId()).isEqualTo(NODE);
        assertThat(reading.amount()).isEqualTo(42);
        assertThat(reading.sender()).isEqualTo(owner.getPublicKeyBase58());
    }

    @Test
    void anotherAmountNodeOrBlockhashIsAnotherMessage() {
        byte[] message = new StakeTransaction(owner.getPublicKey(), NODE, 42, token).message(BLOCKHASH);

        assertThat(new StakeTransaction(owner.getPublicKey(), NODE, 43, token).message(BLOCKHASH)).isNotEqualTo(message);
        assertThat(new StakeTransaction(owner.getPublicKey(), new Account().getPublicKeyBase58(), 42, token)
                .message(BLOCKHASH)).isNotEqualTo(message);
        assertThat(new StakeTransaction(owner.getPublicKey(), NODE, 42, token).message(Base58.encode(new byte[32])))
                .isNotEqualTo(message);
        assertThat(new StakeTransaction(new Account().getPublicKey(), NODE, 42, token).message(BLOCKHASH))
                .isNotEqualTo(message);
    }

    @Test
    void aStakeOfNothingOrForANodeIdThatIsNoNodeIdIsNotBuilt() {
        PublicKey key = owner.getPublicKey();
        assertThatThrownBy(() -> new StakeTransaction(key, NODE, 0, token))
                .hasMessage("amount must be a positive number of base units, got 0");
        assertThatThrownBy(() -> new StakeTransaction(key, "node 1", 5, token))
                .hasMessage("node id 'node 1' is not base58 text of 1 to 64 characters");
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }
}
