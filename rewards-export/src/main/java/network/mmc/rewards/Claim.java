package network.mmc.rewards;

/** A wallet (32 bytes) and its cumulative claimable amount in base units. */
public record Claim(byte[] wallet, long cumulative) {

    public Claim {
        if (wallet.length != 32) {
            throw new IllegalArgumentException("a wallet has 32 bytes, got " + wallet.length);
        }
        if (cumulative < 0) {
            throw new IllegalArgumentException("cumulative amount " + cumulative + " is negative");
        }
        wallet = wallet.clone();
    }

    @Override
    public byte[] wallet() {
        return wallet.clone();
    }

    byte[] walletBytes() {
        return wallet;
    }
}
