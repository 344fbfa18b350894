package network.mmc.jobs.mail;

/** What a message is; with its subject key and recipient, the identity of a message in the outbox. */
enum MailKind {
    OPS_SUMMARY, JOB_FAILED, WINDOW_LATE, CONFIRMATION, DIGEST
}
