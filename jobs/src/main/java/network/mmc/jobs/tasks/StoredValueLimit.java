package network.mmc.jobs.tasks;

import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The largest value of a task's inputs (a matrix, a model, samples, a step's parameters) that this Hub's database
 * stores: its max_allowed_packet bounds the statement that carries the value, and a value travels escaped, up to
 * twice its bytes. Read from the server once. A task whose inputs exceed it is refused at submission naming the value
 * and the limit, rather than failed by the driver with a 500 (or, for a later training step, mid-run).
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

    /** Throws {@link IllegalArgumentException} naming {@code what} when its {@code bytes} exceed the limit. */
    void check(String what, long bytes) {
        long packet = maxAllowedPacket();
        long limit = of(packet);
        if (bytes > limit) {
            throw new IllegalArgumentException(what + " take " + bytes + " bytes; this Hub's database stores at most "
                    + limit + " in one value (half its max_allowed_packet of " + packet + " bytes, less "
                    + STATEMENT_BYTES + " for the statement): send less, or ask its operators to raise"
                    + " max_allowed_packet");
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
