package network.mmc.jobs.scheduling;

import network.mmc.jobs.nodes.NodeApproved;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeStakeChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A validator gets its probe trigger once OPS approved it and its stake reached the minimum, at once rather than at
 * the next start of the Hub; registering alone gives it none.
 */
@Component
class ValidatorTriggers {

    private final SchedulerControl control;

    ValidatorTriggers(SchedulerControl control) {
        this.control = control;
    }

    @TransactionalEventListener
    void onApproved(NodeApproved approved) {
        if (approved.kind() == NodeKind.VALIDATOR) {
            control.install();
        }
    }

    @TransactionalEventListener
    void onStakeChanged(NodeStakeChanged changed) {
        if (changed.kind() == NodeKind.VALIDATOR) {
            control.install();
        }
    }
}
