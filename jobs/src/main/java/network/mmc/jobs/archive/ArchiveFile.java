package network.mmc.jobs.archive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import network.mmc.jobs.audit.AuditFiles;
import network.mmc.jobs.csv.CsvFormatException;
import network.mmc.jobs.csv.CsvReader;
import network.mmc.jobs.csv.CsvWriter;

/**
 * A window's {@code calls.csv.gz}: RFC 4180 CSV with the header {@link AuditFiles#ARCHIVE_CALLS_HEADER} (the
 * audit's seven columns, then the rest of each row), gzip-compressed by the JDK. An empty cell is NULL: stored texts
 * are never empty (ingest refuses empty ids and wallets).
 */
final class ArchiveFile {

    /** What was written, or what a re-read found: rows, SHA-256 of the CSV and of the file. */
    record Digest(long rows, String csvSha256, String fileSha256) {
    }

    /** Writes rows; {@link #close()} finishes the file and gives its digest. */
    static final class Writer implements AutoCloseable {

        private final MessageDigest fileDigest = sha256();
        private final MessageDigest csvDigest = sha256();
        private final BufferedWriter out;
        private final CsvWriter csv;
        private long rows;

        Writer(Path file) throws IOException {
            OutputStream raw = new DigestOutputStream(Files.newOutputStream(file), fileDigest);
            this.out = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(
                    new GZIPOutputStream(raw, 1 << 16), csvDigest), StandardCharsets.UTF_8), 1 << 16);
            this.csv = CsvWriter.verbatim(out).texts(AuditFiles.ARCHIVE_CALLS_HEADER.split(",")).endRow();
        }

        void write(ArchivedCall call) {
            csv.text(call.eventId()).text(call.nodeId()).text(call.callerType()).text(call.callerWallet())
                    .text(call.status()).number(call.credits()).text(call.recordedAt().toString())
                    .number(call.id()).text(call.callerId()).text(call.taskType())
                    .text(call.latencyMs() == null ? null : call.latencyMs().toString())
                    .text(call.calledAt() == null ? null : call.calledAt().toString()).endRow();
            rows++;
        }

        Digest finish() throws IOException {
            out.close();
            return new Digest(rows, hex(csvDigest), hex(fileDigest));
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private ArchiveFile() {
    }

    /**
     * Reads the whole file back: its SHA-256 as stored, and through gzip (whose CRC is checked at the end) its
     * CSV's SHA-256 and rows, each row handed to {@code rows}.
     */
    static Digest read(Path file, Consumer<ArchivedCall> rows) {
        MessageDigest fileDigest = sha256();
        MessageDigest csvDigest = sha256();
        long count = 0;
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), fileDigest);
             CsvReader reader = new CsvReader(new InputStreamReader(new DigestInputStream(
                     new GZIPInputStream(raw, 1 << 16), csvDigest), StandardCharsets.UTF_8))) {
            List<String> header = reader.next();
            if (header == null || !String.join(",", header).equals(AuditFiles.ARCHIVE_CALLS_HEADER)) {
                throw new IllegalStateException(file + ": the first line must be the header "
                        + AuditFiles.ARCHIVE_CALLS_HEADER);
            }
            for (List<String> fields = reader.next(); fields != null; fields = reader.next()) {
                try {
                    rows.accept(ArchivedCall.of(fields));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(file + " line " + reader.line() + ": " + e.getMessage());
                }
                count++;
            }
            // whatever follows the gzip member (nothing, in a file this Hub wrote) belongs to the file's digest too
            raw.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | UncheckedIOException | CsvFormatException e) {
            throw new IllegalStateException("cannot read the archive " + file + ": " + e.getMessage(), e);
        }
        return new Digest(count, hex(csvDigest), hex(fileDigest));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
