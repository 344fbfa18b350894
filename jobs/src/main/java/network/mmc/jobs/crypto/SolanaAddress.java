package network.mmc.jobs.crypto;

import org.p2p.solanaj.utils.Base58;

/** A Solana address or ed25519 public key: base58 text of exactly 32 bytes. */
public record SolanaAddress(String base58, byte[] bytes) {

    public static SolanaAddress parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSignedRequestException(field + " is missing");
        }
        byte[] bytes;
        try {
            bytes = Base58.decode(text);
        } catch (RuntimeException e) {
            throw new InvalidSignedRequestException(field + " '" + text + "' is not base58");
        }
        if (bytes.length != 32) {
            throw new InvalidSignedRequestException(field + " '" + text + "' decodes to " + bytes.length
                    + " bytes, a Solana address has 32");
        }
        return new SolanaAddress(Base58.encode(bytes), bytes);
    }

    public static SolanaAddress of(byte[] bytes) {
        return new SolanaAddress(Base58.encode(bytes), bytes.clone());
    }

    @Override
    public String toString() {
        return base58;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SolanaAddress address && address.base58.equals(base58);
    }

    @Override
    public int hashCode() {
        return base58.hashCode();
    }
}
