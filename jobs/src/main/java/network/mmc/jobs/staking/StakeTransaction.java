package network.mmc.jobs.staking;

import java.nio.ByteBuffer;
import java.util.List;
import network.mmc.rewards.MmcToken;
import network.mmc.rewards.TokenAddresses;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.Message;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.programs.TokenProgram;

/**
 * The transaction an owner signs to stake: a checked SPL transfer of {@code amount} base units from the owner's
 * associated token account to the stake vault, and a Memo naming the node ({@link StakeMemo}), fee paid by the owner,
 * built by solanaj. The same inputs (with the same blockhash) give the same message byte for byte, which is how a
 * signed transaction is recognised as the one built for a stake.
 */
record StakeTransaction(PublicKey owner, String nodeId, long amount, TokenAddresses token) {

    StakeTransaction {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be a positive number of base units, got " + amount);
        }
        StakeMemo.of(nodeId);
    }

    PublicKey source() {
        return TokenAddresses.associatedTokenAccount(owner, token.mint());
    }

    String memo() {
        return StakeMemo.of(nodeId);
    }

    List<TransactionInstruction> instructions() {
        return List.of(TokenProgram.transferChecked(source(), token.vault(), amount, (byte) MmcToken.DECIMALS, owner,
                token.mint()), MemoProgram.writeUtf8(owner, memo()));
    }

    /** The message to sign, with {@code blockhash} as its recent blockhash. */
    byte[] message(String blockhash) {
        Message message = new OwnerPaidMessage(owner);
        instructions().forEach(message::addInstruction);
        message.setRecentBlockHash(blockhash);
        return message.serialize();
    }

    /**
     * The transaction as a wallet takes it to sign: one signature slot, all zeros, then the message (solanaj
     * serializes a transaction only once it signed it, and the Hub has no key of the owner's).
     */
    byte[] unsigned(String blockhash) {
        byte[] message = message(blockhash);
        return ByteBuffer.allocate(1 + Transaction.SIGNATURE_LENGTH + message.length).put((byte) 1)
                .put(new byte[Transaction.SIGNATURE_LENGTH]).put(message).array();
    }

    /** solanaj's message takes its fee payer as an Account; the owner's holds only its public key here. */
    private static final class OwnerPaidMessage extends Message {

        OwnerPaidMessage(PublicKey payer) {
            setFeePayer(new PublicKeyOnly(payer));
        }
    }

    private static final class PublicKeyOnly extends Account {

        private final PublicKey key;

        PublicKeyOnly(PublicKey key) {
            this.key = key;
        }

        @Override
        public PublicKey getPublicKey() {
            return key;
        }

        @Override
        public byte[] getSecretKey() {
            throw new UnsupportedOperationException("the Hub holds no secret key of wallet " + key);
        }
    }
}
