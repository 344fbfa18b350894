package network.mmc.jobs.settlement;

import java.util.function.Supplier;
import network.mmc.jobs.database.NamedLocks;
import network.mmc.settlement.SettlementWindow;
import org.springframework.stereotype.Component;

/** One settlement of a window at a time across every Hub process sharing the database. */
@Component
public class WindowLocks {

    private final NamedLocks locks;

    WindowLocks(NamedLocks locks) {
        this.locks = locks;
    }

    /** Runs {@code work} holding the window's lock; refuses at once when another run holds it. */
    public <T> T whileHolding(SettlementWindow window, Supplier<T> work) {
        return locks.whileHolding(lockName(window), () -> "window " + window + " is being settled right now by another run",
                work);
    }

    static String lockName(SettlementWindow window) {
        return "mmc-settlement:" + window.start();
    }
}
