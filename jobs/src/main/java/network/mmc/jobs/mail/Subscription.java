package network.mmc.jobs.mail;

/** A digest subscription as the API shows it; status PENDING (not confirmed yet), CONFIRMED or UNSUBSCRIBED. */
public record Subscription(String wallet, String email, String cadence, String status) {
}
