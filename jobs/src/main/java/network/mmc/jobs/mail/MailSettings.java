package network.mmc.jobs.mail;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.mail.*}; the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from               the sender address of every mail
 * @param opsRecipients      who gets run summaries and alerts (none: no ops mail)
 * @param settlementDeadline a window not settled this long after it became due (end + grace) raises an alert
 * @param sendInterval       how often {@code serve} sends what is due and looks for late windows
 * @param maxAttempts        SMTP attempts of one message before it is given up (FAILED)
 * @param retryDelay         the wait after the first failed attempt; it doubles after each further one
 * @param maxRetryDelay      the longest wait between two attempts
 * @param claimTimeout       a message claimed longer ago than this by a sender that never reported back is marked
 *                           UNKNOWN, not sent again: the sender may have stopped after the server accepted it
 */
@ConfigurationProperties("mmc.mail")
public record MailSettings(String from, List<String> opsRecipients, Duration settlementDeadline,
                           Duration sendInterval, int maxAttempts, Duration retryDelay, Duration maxRetryDelay,
                           Duration claimTimeout) {

    public MailSettings {
        opsRecipients = opsRecipients == null ? List.of() : List.copyOf(opsRecipients);
    }
}
