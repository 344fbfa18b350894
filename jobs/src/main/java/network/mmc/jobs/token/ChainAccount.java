package network.mmc.jobs.token;

import org.p2p.solanaj.core.PublicKey;

/** An account on the cluster: the program that owns it, its lamports and its data. */
public record ChainAccount(PublicKey address, String program, long lamports, byte[] data) {
}
