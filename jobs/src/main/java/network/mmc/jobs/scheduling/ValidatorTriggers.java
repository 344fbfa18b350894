package network.mmc.jobs.scheduling;

import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** A validator that registers gets its probe trigger at once, not at the next start of the Hub. */
@Component
class ValidatorTriggers {

    private final SchedulerControl control;

    ValidatorTriggers(SchedulerControl control) {
        this.control = control;
    }

    @TransactionalEventListener
    void onRegistered(NodeRegistered registered) {
        if (registered.kind() == NodeKind.VALIDATOR) {
            control.install();
        }
    }
}
