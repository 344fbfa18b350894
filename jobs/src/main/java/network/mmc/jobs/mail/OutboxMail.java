package network.mmc.jobs.mail;

/**
 * One message for one recipient, both parts rendered.
 *
 * @param subjectKey     what the message is about ({@code run:42}, {@code job-execution:7}); with the recipient and
 *                       the kind it is written at most once
 * @param unsubscribeUrl the one-click unsubscribe link (RFC 8058) of a digest, null otherwise
 */
record OutboxMail(String subjectKey, String recipient, MailKind kind, String subject, String text, String html,
                  String unsubscribeUrl) {

    static OutboxMail of(String subjectKey, String recipient, MailKind kind, String subject, MailBody body) {
        return new OutboxMail(subjectKey, recipient, kind, subject, body.text(), body.html(), null);
    }
}
