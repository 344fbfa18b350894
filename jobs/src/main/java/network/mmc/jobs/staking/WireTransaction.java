package network.mmc.jobs.staking;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.utils.Base58;

/**
 * A Solana transaction read from its wire bytes (legacy or version 0 message): its signatures, the message they sign,
 * the account keys and instructions. solanaj 1.27.3 writes transactions but reads none, hence this reader; it only
 * reads, every instruction it finds is compared with one solanaj builds or checked against its program's layout.
 */
record WireTransaction(List<byte[]> signatures, byte[] message, int requiredSignatures, List<PublicKey> staticKeys,
                       String blockhash, List<CompiledInstruction> compiled, boolean usesLookupTables) {

    /** The largest transaction a cluster takes (one IPv6 packet less headers). */
    static final int MAX_SIZE = 1232;

    /** An instruction as the message holds it: indexes into the transaction's account keys. */
    record CompiledInstruction(int programIndex, int[] accountIndexes, byte[] data) {
    }

    /** An instruction with its program and accounts resolved. */
    record Instruction(PublicKey program, List<PublicKey> accounts, byte[] data) {
    }

    static WireTransaction parse(byte[] wire) {
        if (wire.length > MAX_SIZE) {
            throw new IllegalArgumentException("the transaction has " + wire.length + " bytes, at most " + MAX_SIZE);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(wire);
            int signatureCount = shortVec(in);
            List<byte[]> signatures = new ArrayList<>();
            for (int i = 0; i < signatureCount; i++) {
                signatures.add(bytes(in, 64));
            }
            byte[] message = Arrays.copyOfRange(wire, in.position(), wire.length);
            boolean versioned = (in.get(in.position()) & 0x80) != 0;
            if (versioned) {
                int version = in.get() & 0x7f;
                if (version != 0) {
                    throw new IllegalArgumentException("message version " + version + " is not known (legacy or 0)");
                }
            }
            int required = in.get() & 0xff;
            in.get();
            in.get();
            int keyCount = shortVec(in);
            List<PublicKey> keys = new ArrayList<>();
            for (int i = 0; i < keyCount; i++) {
                keys.add(new PublicKey(bytes(in, 32)));
            }
            String blockhash = Base58.encode(bytes(in, 32));
            int instructionCount = shortVec(in);
            List<CompiledInstruction> instructions = new ArrayList<>();
            for (int i = 0; i < instructionCount; i++) {
                int program = in.get() & 0xff;
                byte[] accounts = bytes(in, shortVec(in));
                int[] indexes = new int[accounts.length];
                for (int a = 0; a < accounts.length; a++) {
                    indexes[a] = accounts[a] & 0xff;
                }
                instructions.add(new CompiledInstruction(program, indexes, bytes(in, shortVec(in))));
            }
            boolean lookups = false;
            if (versioned) {
                int tables = shortVec(in);
                for (int i = 0; i < tables; i++) {
                    bytes(in, 32);
                    bytes(in, shortVec(in));
                    bytes(in, shortVec(in));
                }
                lookups = tables > 0;
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the message");
            }
            if (signatureCount != required) {
                throw new IllegalArgumentException(signatureCount + " signatures for a message that requires " + required);
            }
            return new WireTransaction(List.copyOf(signatures), message, required, List.copyOf(keys), blockhash,
                    List.copyOf(instructions), lookups);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw new IllegalArgumentException("not a Solana transaction: " + e.getMessage(), e);
            }
            throw new IllegalArgumentException("not a Solana transaction: it ends too early", e);
        }
    }

    /** The fee payer: the first account key. */
    PublicKey feePayer() {
        return staticKeys.get(0);
    }

    /** The first signature, which names the transaction, in base58. */
    String id() {
        return Base58.encode(signatures.get(0));
    }

    /**
     * The instructions with their accounts resolved over the static keys, then {@code loaded} (the addresses a
     * version 0 transaction loaded from lookup tables, writable ones first, as {@code meta.loadedAddresses} lists them).
     */
    List<Instruction> instructions(List<PublicKey> loaded) {
        List<PublicKey> keys = new ArrayList<>(staticKeys);
        keys.addAll(loaded);
        List<Instruction> resolved = new ArrayList<>();
        for (CompiledInstruction instruction : compiled) {
            List<PublicKey> accounts = new ArrayList<>();
            for (int index : instruction.accountIndexes()) {
                accounts.add(key(keys, index));
            }
            resolved.add(new Instruction(key(keys, instruction.programIndex()), List.copyOf(accounts),
                    instruction.data().clone()));
        }
        return resolved;
    }

    private static PublicKey key(List<PublicKey> keys, int index) {
        if (index >= keys.size()) {
            throw new IllegalArgumentException("account index " + index + " of " + keys.size() + " account keys");
        }
        return keys.get(index);
    }

    /** Solana's compact-u16: 7 bits a byte, low first, at most 3 bytes. */
    private static int shortVec(ByteBuffer in) {
        int value = 0;
        for (int size = 0; size < 3; size++) {
            int b = in.get() & 0xff;
            value |= (b & 0x7f) << (7 * size);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a length longer than 3 bytes");
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
