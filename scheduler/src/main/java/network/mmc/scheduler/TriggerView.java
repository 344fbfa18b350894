package network.mmc.scheduler;

import java.time.Instant;

/** A trigger as ops see it: name, job, state (NORMAL, PAUSED, BLOCKED while running, …), previous and next fire. */
public record TriggerView(String name, String job, String state, Instant previousFire, Instant nextFire, String schedule) {
}
