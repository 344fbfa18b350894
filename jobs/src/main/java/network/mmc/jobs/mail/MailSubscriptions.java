package network.mmc.jobs.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.crypto.SignedTimes;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.jobs.errors.TextFields;
import network.mmc.jobs.nodes.NodeSettings;
import network.mmc.jobs.web.WebSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Digest subscriptions, double opt-in: a request signed by the wallet ({@link SubscriptionMessage}, fresh and later
 * than the wallet's last accepted one) stores the address PENDING and mails it a confirmation link; only a confirmed
 * address gets digests, until its unsubscribe link is used.
 */
@Service
@ConditionalOnMail
public class MailSubscriptions {

    private static final int EMAIL_LENGTH = 254;

    private final JdbcTemplate jdbc;
    private final MailOutbox outbox;
    private final NodeSettings nodes;
    private final WebSettings web;
    private final String hubId;
    private final Clock clock;

    MailSubscriptions(JdbcTemplate jdbc, MailOutbox outbox, NodeSettings nodes, WebSettings web,
                      @Value("${mmc.hub-id}") String hubId, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.nodes = nodes;
        this.web = web;
        this.hubId = hubId;
        this.clock = clock;
    }

    @Transactional
    public Subscription subscribe(String walletText, String email, String cadenceText, Instant signedAt,
                                  String signature) {
        SolanaAddress wallet = SolanaAddress.parse("wallet", walletText);
        checkEmail(email);
        Cadence cadence = cadence(cadenceText);
        SignedTimes.checkFresh(signedAt, clock.instant(), nodes.signatureMaxAge());
        Ed25519Signatures.verify(wallet, SubscriptionMessage.of(hubId, wallet.base58(), email, cadence.name(), signedAt),
                signature);
        // locks the wallet's rows: two requests of one wallet are checked one after the other
        List<Timestamp> accepted = jdbc.queryForList("SELECT signed_at FROM mail_subscription WHERE wallet = ?"
                + " ORDER BY signed_at DESC LIMIT 1 FOR UPDATE", Timestamp.class, wallet.base58());
        SignedTimes.checkNewer("subscription request", signedAt,
                accepted.isEmpty() ? null : UtcTimestamps.toInstant(accepted.get(0)));
        Instant now = clock.instant();
        String confirmToken = SubscriptionTokens.next();
        jdbc.update("INSERT INTO mail_subscription (wallet, email, cadence, status, confirm_token_sha256,"
                + " unsubscribe_token, signed_at, created_at) VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE cadence = VALUES(cadence), status = 'PENDING',"
                + " confirm_token_sha256 = VALUES(confirm_token_sha256), signed_at = VALUES(signed_at),"
                + " confirmed_at = NULL, unsubscribed_at = NULL", wallet.base58(), email, cadence.name(),
                SubscriptionTokens.sha256(confirmToken), SubscriptionTokens.next(),
                UtcTimestamps.of(SignedTimes.stored(signedAt)), UtcTimestamps.of(now));
        long id = jdbc.queryForObject("SELECT id FROM mail_subscription WHERE wallet = ? AND email = ?", Long.class,
                wallet.base58(), email);
        String link = web.publicUrl() + "/api/mail/confirm?token=" + confirmToken;
        MailBody body = new MailBody()
                .paragraph("Someone holding wallet " + wallet + " asked the MMC Hub " + hubId + " to send its "
                        + cadence.name().toLowerCase(Locale.ROOT) + " reward digest to this address.")
                .link("Confirm the subscription", link)
                .paragraph("If it was not you, ignore this mail: nothing is sent without the confirmation.");
        outbox.add(OutboxMail.of("subscription:" + id + ":" + SignedTimes.stored(signedAt), email,
                MailKind.CONFIRMATION, "[" + hubId + "] confirm your MMC reward digest", body), now);
        return new Subscription(wallet.base58(), email, cadence.name(), "PENDING");
    }

    @Transactional
    public Subscription confirm(String token) {
        String hash = token == null ? "" : SubscriptionTokens.sha256(token);
        Subscription subscription = find("confirm_token_sha256 = ?", hash)
                .orElseThrow(() -> new NotFoundException("this confirmation link is unknown or was already used"));
        jdbc.update("UPDATE mail_subscription SET status = 'CONFIRMED', confirmed_at = ?, confirm_token_sha256 = NULL"
                + " WHERE confirm_token_sha256 = ?", UtcTimestamps.of(clock.instant()), hash);
        return new Subscription(subscription.wallet(), subscription.email(), subscription.cadence(), "CONFIRMED");
    }

    @Transactional
    public Subscription unsubscribe(String token) {
        Subscription subscription = find("unsubscribe_token = ?", token == null ? "" : token)
                .orElseThrow(() -> new NotFoundException("this unsubscribe link is unknown"));
        jdbc.update("UPDATE mail_subscription SET status = 'UNSUBSCRIBED', unsubscribed_at = ?,"
                + " confirm_token_sha256 = NULL WHERE unsubscribe_token = ?", UtcTimestamps.of(clock.instant()), token);
        return new Subscription(subscription.wallet(), subscription.email(), subscription.cadence(), "UNSUBSCRIBED");
    }

    /** The subscription of {@code email} to the digest of {@code wallet}, in whatever status it is. */
    public Optional<Subscription> subscription(String wallet, String email) {
        return jdbc.query("SELECT wallet, email, cadence, status FROM mail_subscription WHERE wallet = ? AND email = ?",
                (row, n) -> new Subscription(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                wallet, email).stream().findFirst();
    }

    private Optional<Subscription> find(String condition, String value) {
        return jdbc.query("SELECT wallet, email, cadence, status FROM mail_subscription WHERE " + condition
                + " FOR UPDATE", (row, n) -> new Subscription(row.getString(1), row.getString(2), row.getString(3),
                row.getString(4)), value).stream().findFirst();
    }

    private static void checkEmail(String email) {
        TextFields.required("email", email, EMAIL_LENGTH);
        try {
            InternetAddress address = new InternetAddress(email, true);
            if (!address.getAddress().equals(email) || !email.contains("@")) {
                throw new AddressException("not a bare address");
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("email '" + email + "' is not an address such as name@example.net");
        }
    }

    private static Cadence cadence(String text) {
        try {
            return Cadence.valueOf(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cadence '" + text + "' is not WINDOW or DAILY");
        }
    }
}
