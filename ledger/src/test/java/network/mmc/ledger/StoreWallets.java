package network.mmc.ledger;

import java.math.BigInteger;
import java.util.concurrent.ThreadLocalRandom;

/** Wallets no other test uses: random 32-byte keys in base58, as stores that build Merkle leaves need them. */
final class StoreWallets {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private StoreWallets() {
    }

    static String fresh() {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        // a leading zero byte is a leading '1' in base58; drawing again keeps the encoding below simple
        key[0] = (byte) (key[0] == 0 ? 1 : key[0]);
        StringBuilder text = new StringBuilder();
        for (BigInteger value = new BigInteger(1, key); value.signum() > 0; value = value.divide(BASE)) {
            text.append(ALPHABET.charAt(value.mod(BASE).intValue()));
        }
        return text.reverse().toString();
    }
}
