package network.mmc.jobs.tasks;

import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What of a task this Hub's database can store: its max_allowed_packet bounds each statement, an input (matrices, a
 * model and its rows, samples, a step's parameters) travels escaped, up to twice its bytes, a unit's answer as it is.
 * Read from the server once (a changed max_allowed_packet counts from the Hub's next start). A task that would not fit
 * is refused at submission naming what and the limit, rather than failed by the driver with a 500, mid-run for an
 * answer or a later training step.
 */
@Component
class StoredValueLimit {

    /** Room in the packet for the statement around the value and the task's other columns. */
    static final long STATEMENT_BYTES = 64 * 1024;

    private final LongSupplier server;
    private volatile long maxAllowedPacket;

    @Autowired
    StoredValueLimit(JdbcTemplate jdbc) {
        this(() -> jdbc.queryForObject("SELECT @@max_allowed_packet", Long.class));
    }

    /** With the server's max_allowed_packet as {@code server} reads it. */
    StoredValueLimit(LongSupplier server) {
        this.server = server;
    }

    /**
     * Throws {@link IllegalArgumentException} naming {@code what} when the {@code bytes} of the values one statement
     * stores (client-side, escaped) exceed the limit.
     */
    void check(String what, long bytes) {
        long packet = maxAllowedPacket();
        long limit = of(packet);
        if (bytes > limit) {
            throw new IllegalArgumentException(what + " take " + bytes + " bytes; this Hub's database stores at most "
                    + limit + " in one statement (half its max_allowed_packet of " + packet + " bytes, less "
                    + STATEMENT_BYTES + " for the statement): send less, or ask its operators to raise"
                    + " max_allowed_packet");
        }
    }

    /**
     * Throws {@link IllegalArgumentException} when a unit's answer is larger than the database stores in one
     * statement: answers go as they are (server-side prepared), so up to max_allowed_packet less the statement.
     */
    void checkAnswer(long bytes, String setting) {
        long packet = maxAllowedPacket();
        long limit = Math.max(0, packet - STATEMENT_BYTES);
        if (bytes > limit) {
            throw new IllegalArgumentException("a unit's answer would take " + bytes + " bytes; this Hub's database"
                    + " stores at most " + limit + " in one statement (its max_allowed_packet of " + packet
                    + " bytes, less " + STATEMENT_BYTES + "): send smaller work, or ask its operators to lower "
                    + setting + " or raise max_allowed_packet");
        }
    }

    /** The limit a server with this max_allowed_packet sets. */
    static long of(long maxAllowedPacket) {
        return Math.max(0, (maxAllowedPacket - STATEMENT_BYTES) / 2);
    }

    private long maxAllowedPacket() {
        long packet = maxAllowedPacket;
        if (packet == 0) {
            packet = server.getAsLong();
            maxAllowedPacket = packet;
        }
        return packet;
    }
}
