package network.mmc.ledger;

import java.util.UUID;

/** Wallet names no other test uses: base58-safe text as long as a real wallet at most. */
final class StoreWallets {

    private StoreWallets() {
    }

    static String fresh() {
        return "W" + UUID.randomUUID().toString().replace("-", "").replace('0', 'z').replace('l', 'L');
    }
}
