package network.mmc.jobs.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on a free port that can be stopped and started again on the same port, as a mail
 * server that goes away and comes back.
 */
final class SmtpServer {

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

    int port() {
        return port;
    }

    void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    void stop() {
        server.stop();
    }

    /** Every message received since the last start whose subject contains {@code text}. */
    List<MimeMessage> withSubject(String text) {
        return Arrays.stream(server.getReceivedMessages()).filter(message -> subject(message).contains(text)).toList();
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded content of the message's first part of {@code mimeType} (text/plain, text/html). */
    static String part(MimeMessage message, String mimeType) throws Exception {
        String found = part(message.getContent(), mimeType);
        if (found == null) {
            throw new AssertionError("no " + mimeType + " part in " + subject(message));
        }
        return found;
    }

    private static String part(Object content, String mimeType) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = body.isMimeType(mimeType) ? (String) body.getContent() : part(body.getContent(), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
