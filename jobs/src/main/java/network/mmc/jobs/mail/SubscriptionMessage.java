package network.mmc.jobs.mail;

import java.time.Instant;

/** The text a wallet owner signs to subscribe an email address to its digest; names the hub and the time, as every signed message does. */
public final class SubscriptionMessage {

    private SubscriptionMessage() {
    }

    public static String of(String hubId, String wallet, String email, String cadence, Instant signedAt) {
        return "MMC-MAIL-SUBSCRIBE\nhub:" + hubId + "\nwallet:" + wallet + "\nemail:" + email + "\ncadence:" + cadence
                + "\ntime:" + signedAt;
    }
}
