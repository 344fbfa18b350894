package network.mmc.jobs.cli;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.mail.MailSubscriptions;
import network.mmc.jobs.mail.MimeParts;
import network.mmc.jobs.mail.OutboxSender;
import network.mmc.jobs.mail.Subscription;
import network.mmc.jobs.mail.SubscriptionMessage;
import network.mmc.jobs.simulation.SimulatedOwners;
import org.springframework.core.env.Environment;

/**
 * The demo's mail: an SMTP sink in the demo's process that the Hub is configured to send to as it would be to a
 * real server, a digest subscription of a simulated owner, and the sink's inbox, printed and saved as .eml files.
 * The Hub's own outbox and sender deliver every message.
 */
final class DemoMail implements AutoCloseable {

    static final String OPS = "ops@example.net";
    static final String OPERATOR = "operator@example.net";
    static final String CADENCE = "DAILY";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern CONFIRM_TOKEN = Pattern.compile("/api/mail/confirm\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern SAVED = Pattern.compile("\\d{3}-.*\\.eml");
    private static final int FIRST_LINES = 3;

    private final HubRuntime runtime;
    private final LocalSmtpSink sink;
    private final PrintStream out;

    private DemoMail(HubRuntime runtime, LocalSmtpSink sink, PrintStream out) {
        this.runtime = runtime;
        this.sink = sink;
        this.out = out;
    }

    /** Starts the sink and gives the Hub its SMTP server and ops list, as a user sets them; before the Hub starts. */
    static DemoMail start(HubRuntime runtime, PrintStream out) {
        LocalSmtpSink sink = LocalSmtpSink.start();
        runtime.set("spring.mail.host", LocalSmtpSink.HOST);
        runtime.set("spring.mail.port", Integer.toString(sink.port()));
        runtime.set("mmc.mail.ops-recipients", OPS);
        return new DemoMail(runtime, sink, out);
    }

    String server() {
        return LocalSmtpSink.HOST + ":" + sink.port();
    }

    /**
     * The owner of the first simulated node signs a request for its digest at {@link #OPERATOR}, and the demo opens
     * the link of the confirmation mail as the operator would. Before the settlement: a run writes its digests.
     */
    void subscribe(long seed, int nodes) throws InterruptedException, MessagingException, IOException {
        String wallet = SimulatedOwners.firstNodeOwner(seed);
        MailSubscriptions subscriptions = runtime.bean(MailSubscriptions.class);
        Optional<Subscription> earlier = subscriptions.subscription(wallet, OPERATOR);
        if (earlier.isPresent() && earlier.get().status().equals("CONFIRMED")) {
            out.printf("  %s subscribed %s to its %s digest in an earlier demo: no new request%n", wallet, OPERATOR,
                    earlier.get().cadence());
            return;
        }
        Instant signedAt = runtime.bean(Clock.class).instant();
        String hubId = runtime.bean(Environment.class).getRequiredProperty("mmc.hub-id");
        String signature = Ed25519Signatures.sign(SimulatedOwners.keys(seed, nodes).get(wallet),
                SubscriptionMessage.of(hubId, wallet, OPERATOR, CADENCE, signedAt));
        Subscription pending = subscriptions.subscribe(wallet, OPERATOR, CADENCE, signedAt, signature);
        out.printf("  %s signs a request for its %s digest at %s: %s, a confirmation mail is sent%n", wallet, CADENCE,
                OPERATOR, pending.status());
        drain();
        MimeMessage confirmation = sink.await(message -> recipient(message).equals(OPERATOR)
                        && subject(message).contains("confirm"), WAIT)
                .orElseThrow(() -> new IllegalStateException("no confirmation mail reached " + server() + " in " + WAIT));
        Matcher token = CONFIRM_TOKEN.matcher(MimeParts.text(confirmation, "text/plain").orElse(""));
        if (!token.find()) {
            throw new IllegalStateException("the confirmation mail holds no confirmation link");
        }
        out.printf("  confirmed with the token of the link in the mail %s received: %s%n", OPERATOR,
                subscriptions.confirm(token.group(1)).status());
    }

    /**
     * Sends what the outbox holds (waiting at most {@link #WAIT}), prints the sink's inbox and saves each message as
     * {@code dir/NNN-recipient.eml}, in place of the files an earlier demo saved there.
     */
    void deliver(Path dir) throws InterruptedException, IOException, MessagingException {
        long waiting = drain();
        List<MimeMessage> inbox = sink.messages();
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path earlier : files.filter(f -> SAVED.matcher(f.getFileName().toString()).matches()).toList()) {
                Files.delete(earlier);
            }
        }
        out.printf("inbox of the demo's SMTP server %s: %d message(s), saved in %s%n", server(), inbox.size(), dir);
        if (waiting > 0) {
            out.printf("  %d mail(s) still wait in the outbox after %d s (mmc-hub serve sends them)%n", waiting,
                    WAIT.toSeconds());
        }
        if (inbox.isEmpty()) {
            out.println("  none: this demo settled no new window and subscribed no one (each mail is written once,"
                    + " with what it reports)");
        }
        for (int i = 0; i < inbox.size(); i++) {
            MimeMessage message = inbox.get(i);
            Path file = dir.resolve(String.format("%03d-%s.eml", i + 1,
                    recipient(message).replaceAll("[^A-Za-z0-9@._-]", "_")));
            try (OutputStream eml = Files.newOutputStream(file)) {
                message.writeTo(eml);
            }
            out.printf("  to %s: %s%n", recipient(message), subject(message));
            MimeParts.text(message, "text/plain").orElse("").lines().filter(line -> !line.isBlank())
                    .limit(FIRST_LINES).forEach(line -> out.println("      " + line));
            out.println("    saved as " + file);
        }
    }

    /** Sends until the outbox holds nothing unsent or {@link #WAIT} is over; how many are left. */
    private long drain() throws InterruptedException {
        OutboxSender sender = runtime.bean(OutboxSender.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        long waiting = sender.waiting();
        while (waiting > 0 && System.nanoTime() < deadline) {
            if (sender.sendDue() == 0) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            waiting = sender.waiting();
        }
        return waiting;
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sink.close();
    }
}
