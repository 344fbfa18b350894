package network.mmc.jobs.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) on a free loopback port for one test class, that can be stopped and started again
 * on the same port, as a mail server that goes away and comes back. Register it as a static
 * {@code @RegisterExtension} field (it stops after the class) and point the Hub at it with {@link #configure}.
 */
final class SmtpServer implements AfterAllCallback {

    private final int port;
    private GreenMail server;

    SmtpServer() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    /** The Hub's SMTP settings for this server, as a deployment sets them; short timeouts while it is stopped. */
    void configure(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
    }

    void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    void stop() {
        server.stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Every message received since the last start whose subject contains {@code text}. */
    List<MimeMessage> withSubject(String text) {
        return Arrays.stream(server.getReceivedMessages()).filter(message -> subject(message).contains(text)).toList();
    }

    /** Every message to {@code recipient} whose subject contains {@code text}. */
    List<MimeMessage> to(String recipient, String text) {
        return withSubject(text).stream().filter(message -> recipient(message).equals(recipient)).toList();
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded content of the message's first part of {@code mimeType} (text/plain, text/html). */
    static String part(MimeMessage message, String mimeType) throws Exception {
        return MimeParts.text(message, mimeType)
                .orElseThrow(() -> new AssertionError("no " + mimeType + " part in " + subject(message)));
    }
}
