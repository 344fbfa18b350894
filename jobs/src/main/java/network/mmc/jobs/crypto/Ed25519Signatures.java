package network.mmc.jobs.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.p2p.solanaj.utils.Base58;

/** Ed25519 over UTF-8 text, signatures in base58 as Solana wallets produce them. */
public final class Ed25519Signatures {

    private Ed25519Signatures() {
    }

    /** Throws naming the problem unless {@code signatureBase58} is {@code signer}'s signature of {@code message}. */
    public static void verify(SolanaAddress signer, String message, String signatureBase58) {
        if (signatureBase58 == null || signatureBase58.isBlank()) {
            throw new InvalidSignedRequestException("signature is missing");
        }
        byte[] signature;
        try {
            signature = Base58.decode(signatureBase58);
        } catch (RuntimeException e) {
            throw new InvalidSignedRequestException("signature is not base58");
        }
        if (signature.length != 64) {
            throw new InvalidSignedRequestException("signature decodes to " + signature.length + " bytes, ed25519 has 64");
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(signer.bytes(), 0));
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        verifier.update(text, 0, text.length);
        if (!verifier.verifySignature(signature)) {
            throw new InvalidSignedRequestException("signature does not verify for key " + signer);
        }
    }

    /** Signs with a 32-byte ed25519 seed; used by the node agent, the withdraw command and tests. */
    public static String sign(byte[] seed32, String message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(seed32, 0));
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        signer.update(text, 0, text.length);
        return Base58.encode(signer.generateSignature());
    }

    public static SolanaAddress publicKeyOf(byte[] seed32) {
        return SolanaAddress.of(new Ed25519PrivateKeyParameters(seed32, 0).generatePublicKey().getEncoded());
    }
}
