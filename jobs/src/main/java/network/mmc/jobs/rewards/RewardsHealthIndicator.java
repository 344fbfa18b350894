package network.mmc.jobs.rewards;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "rewards": the authority key (readable, public key) and its balance when the
 * RPC answers. DEGRADED while an export with withdrawals waiting would fail (no readable key, or too little SOL for a
 * fee): the Hub serves on, and an export with nothing to publish succeeds. An RPC that does not answer now is shown,
 * not judged: the export checks again when it runs.
 */
@Component("rewards")
class RewardsHealthIndicator extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "the Hub serves, but exports of waiting withdrawals fail");

    private final DistributionPublisher publisher;

    RewardsHealthIndicator(DistributionPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        AuthorityStatus status = publisher.status();
        builder.status(status.problem() == null ? Status.UP : DEGRADED)
                .withDetail("authorityKeypair", String.valueOf(status.keypair()))
                .withDetail("keyReadable", status.keyReadable())
                .withDetail("rpcUrl", status.rpcUrl());
        if (status.keyReadable()) {
            builder.withDetail("authority", status.publicKey());
        }
        if (status.balance() != null) {
            builder.withDetail("balanceLamports", status.balance().lamports()).withDetail("balanceSol", status.balance().sol());
        }
        if (status.rpcError() != null) {
            builder.withDetail("rpc", status.rpcError());
        }
        if (status.problem() != null) {
            builder.withDetail("problem", status.problem());
        }
    }
}
