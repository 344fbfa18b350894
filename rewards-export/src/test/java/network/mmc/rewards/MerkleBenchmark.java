package network.mmc.rewards;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * bench/merkle: build the tree of 1 000 000 leaves and every proof (each handed over whole in leaf order, as
 * the export job writes them to storage); the floor, timed in the same run, is 2 000 000 bare single-threaded
 * SHA-256 hashes with MessageDigest of the leaf preimage sizes (48-byte inner hash, 33-byte leaf hash).
 * Best of five runs each (the first ones warm the JIT up). Also printed: every proof copied out one by one by index, the random-access path.
 */
public final class MerkleBenchmark {

    private static final int RUNS = 5;

    private MerkleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int leaves = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SplittableRandom random = new SplittableRandom(7);
        List<Claim> claims = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) {
            byte[] wallet = new byte[32];
            random.nextBytes(wallet);
            claims.add(new Claim(wallet, random.nextLong(1L << 40)));
        }
        double floor = Double.MAX_VALUE;
        double tree = Double.MAX_VALUE;
        double byIndex = Double.MAX_VALUE;
        for (int run = 0; run < RUNS; run++) {
            floor = Math.min(floor, bareHashes(leaves));
            long started = System.nanoTime();
            MerkleDistribution distribution = MerkleDistribution.of(claims);
            long[] proofBits = new long[1];
            distribution.forEachProof((index, proof) -> proofBits[0] += edges(proof));
            tree = Math.min(tree, (System.nanoTime() - started) / 1e9);

            started = System.nanoTime();
            byte[] proof = new byte[distribution.proofLength()];
            long copiedBits = 0;
            for (int i = 0; i < distribution.size(); i++) {
                distribution.proofInto(i, proof, 0);
                copiedBits += edges(proof);
            }
            byIndex = Math.min(byIndex, (System.nanoTime() - started) / 1e9);
            if (copiedBits != proofBits[0]) {
                throw new IllegalStateException("the proofs in leaf order differ from the proofs by index");
            }
        }
        System.out.printf("floor: %,d bare SHA-256 (MessageDigest, 48 + 33 bytes): %.3f s%n", 2 * leaves, floor);
        System.out.printf("tree: %,d leaves, root and every proof: %.3f s%n", leaves, tree);
        System.out.printf("ratio %.2f (target <= 1.5)%n", tree / floor);
        System.out.printf("(every proof again, copied out one by one by index: %.3f s)%n", byIndex);
    }

    /** Reads both ends of a proof, so no proof goes unread. */
    private static int edges(byte[] proof) {
        return proof.length == 0 ? 0 : proof[0] ^ proof[proof.length - 1];
    }

    private static double bareHashes(int leaves) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] inner = new byte[48];
        byte[] outer = new byte[33];
        long started = System.nanoTime();
        for (int i = 0; i < leaves; i++) {
            inner[0] = (byte) i;
            sha256.update(inner);
            byte[] a = sha256.digest();
            outer[1] = a[0];
            sha256.update(outer);
            sha256.digest();
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
