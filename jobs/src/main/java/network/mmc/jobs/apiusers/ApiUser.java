package network.mmc.jobs.apiusers;

import java.time.Instant;

/** A paying user of the network: its name, the Solana wallet settlement reads to spot self-dealing, its credits. */
public record ApiUser(long id, String name, String wallet, long balance, Instant createdAt) {
}
