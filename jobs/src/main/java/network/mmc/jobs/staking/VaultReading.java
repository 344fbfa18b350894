package network.mmc.jobs.staking;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.staking.WireTransaction.Instruction;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.programs.TokenProgram;

/**
 * What one confirmed transaction of the vault says about staking, read from its top-level instructions alone: no
 * transfer into the vault (its creation, an unstake payout), or one transfer into it with a memo naming a node, or a
 * transfer that cannot be a stake (several transfers, no memo or several, a memo that is not {@link StakeMemo}).
 * Whether the sender may stake for that node is for the caller, who knows the node's owner.
 *
 * @param deposit   whether a transfer into the vault was found
 * @param sender    the transfer's authority (the wallet that signed it)
 * @param source    the token account it came from
 * @param amount    base units moved into the vault
 * @param memo      the memo, as shown ({@link StakeMemo#shown})
 * @param nodeId    the node the memo names; null when {@code problem} is set
 * @param problem   why this transfer cannot be credited; null when it may be
 */
record VaultReading(boolean deposit, String sender, String source, long amount, String memo, String nodeId,
                    String problem) {

    /** Memo v1 (solanaj's) and the Memo program v2 that most wallets use. */
    static final List<PublicKey> MEMO_PROGRAMS = List.of(MemoProgram.PROGRAM_ID,
            new PublicKey("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr"));
    // SPL Token instruction tags (spl_token::instruction::TokenInstruction)
    private static final int TRANSFER = 3;
    private static final int TRANSFER_CHECKED = 12;

    private record Transfer(PublicKey source, PublicKey destination, PublicKey authority, long amount) {
    }

    static VaultReading read(List<Instruction> instructions, PublicKey vault) {
        List<Transfer> transfers = new ArrayList<>();
        List<String> memos = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.program().equals(TokenProgram.PROGRAM_ID)) {
                Transfer transfer = transfer(instruction);
                if (transfer != null && transfer.destination().equals(vault)) {
                    transfers.add(transfer);
                }
            } else if (MEMO_PROGRAMS.contains(instruction.program())) {
                memos.add(utf8(instruction.data()));
            }
        }
        if (transfers.isEmpty()) {
            return new VaultReading(false, null, null, 0, null, null, null);
        }
        Transfer transfer = transfers.get(0);
        long amount = 0;
        for (Transfer t : transfers) {
            amount = Math.addExact(amount, t.amount());
        }
        String memo = memos.size() == 1 && memos.get(0) != null ? StakeMemo.shown(memos.get(0)) : null;
        String problem = null;
        String nodeId = null;
        if (transfers.size() > 1) {
            problem = transfers.size() + " transfers into the stake vault in one transaction: a stake is one transfer"
                    + " with its memo";
        } else if (memos.isEmpty()) {
            problem = "no memo: a stake names its node with the memo '" + StakeMemo.PREFIX + "<node id>'";
        } else if (memos.size() > 1) {
            problem = memos.size() + " memos in one transaction: a stake has one, '" + StakeMemo.PREFIX + "<node id>'";
        } else if (amount == 0) {
            problem = "a transfer of 0 base units";
        } else {
            try {
                nodeId = StakeMemo.nodeOf(memos.get(0));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        return new VaultReading(true, transfer.authority().toBase58(), transfer.source().toBase58(), amount, memo,
                nodeId, problem);
    }

    /**
     * A Transfer ({@code [3, amount u64]}; source, destination, authority) or TransferChecked ({@code [12, amount u64,
     * decimals u8]}; source, mint, destination, authority), else null. The mint needs no check: the Token program
     * refused any transfer into the vault of another mint.
     */
    private static Transfer transfer(Instruction instruction) {
        byte[] data = instruction.data();
        List<PublicKey> accounts = instruction.accounts();
        if (data.length == 9 && data[0] == TRANSFER && accounts.size() >= 3) {
            return new Transfer(accounts.get(0), accounts.get(1), accounts.get(2), amount(data));
        }
        if (data.length == 10 && data[0] == TRANSFER_CHECKED && accounts.size() >= 4) {
            return new Transfer(accounts.get(0), accounts.get(2), accounts.get(3), amount(data));
        }
        return null;
    }

    private static long amount(byte[] data) {
        long amount = ByteBuffer.wrap(data, 1, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (amount < 0) {
            throw new ArithmeticException("a transfer of more than 2^63 - 1 base units");
        }
        return amount;
    }

    /** The memo's text, null when its bytes are not UTF-8 (the Memo program refuses those, but be strict anyway). */
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
