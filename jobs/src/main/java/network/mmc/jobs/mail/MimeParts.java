package network.mmc.jobs.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.Optional;

/** Reads a received message's parts as a mail client shows them: the decoded text of its plain or HTML part. */
public final class MimeParts {

    private MimeParts() {
    }

    /**
     * The decoded content of the first part of {@code mimeType} ({@code text/plain}, {@code text/html}), however
     * deep in the message's multiparts; empty when it has none.
     */
    public static Optional<String> text(Part message, String mimeType) throws MessagingException, IOException {
        if (message.isMimeType(mimeType)) {
            return Optional.of((String) message.getContent());
        }
        if (message.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                Optional<String> found = text(body, mimeType);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
