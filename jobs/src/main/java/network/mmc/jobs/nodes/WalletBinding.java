package network.mmc.jobs.nodes;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One binding of an owner wallet to a node; re-binding adds a row, nothing is overwritten. */
@Entity
@Table(name = "node_wallet_binding")
public class WalletBinding {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String nodeId;

    private String wallet;

    private String previousWallet;

    private String signature;

    private Instant boundAt;

    private Instant signedAt;

    protected WalletBinding() {
        // for Hibernate
    }

    WalletBinding(String nodeId, String wallet, String previousWallet, String signature, Instant boundAt,
                  Instant signedAt) {
        this.nodeId = nodeId;
        this.wallet = wallet;
        this.previousWallet = previousWallet;
        this.signature = signature;
        this.boundAt = boundAt;
        this.signedAt = signedAt;
    }

    public String getNodeId() {
        return nodeId;
    }

    public String getWallet() {
        return wallet;
    }

    public String getPreviousWallet() {
        return previousWallet;
    }

    public Instant getBoundAt() {
        return boundAt;
    }
}
