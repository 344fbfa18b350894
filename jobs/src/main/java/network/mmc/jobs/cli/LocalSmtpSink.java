package network.mmc.jobs.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real SMTP server (GreenMail) in this process, on a free loopback port, that keeps what it receives in memory:
 * where the demo's mails go, so that it can show them without mailing anyone.
 */
final class LocalSmtpSink implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    private final GreenMail server;

    private LocalSmtpSink(GreenMail server) {
        this.server = server;
    }

    static LocalSmtpSink start() {
        GreenMail server = new GreenMail(new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return new LocalSmtpSink(server);
    }

    int port() {
        return server.getSmtp().getPort();
    }

    /** Every message received so far, oldest first. */
    List<MimeMessage> messages() {
        return Arrays.asList(server.getReceivedMessages());
    }

    /** The first message received that {@code matches}, waiting for it at most {@code timeout}. */
    Optional<MimeMessage> await(Predicate<MimeMessage> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<MimeMessage> found = messages().stream().filter(matches).findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
