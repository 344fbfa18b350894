package network.mmc.jobs.calls;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The registered node ids, kept in memory so that validating a row is a set lookup and a REST batch does not read
 * the whole node table. Nodes are only ever added, never removed, so a remembered id stays registered; an id not
 * remembered is looked for again in the table, at most once per batch or file (as often as before there was a
 * memory), which also finds the nodes another Hub instance registered.
 */
@Component
class KnownNodes {

    private final JdbcTemplate jdbc;
    private volatile Set<String> remembered = Set.of();

    KnownNodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a node id is registered, for the rows of one batch or file, on one thread. */
    Predicate<String> forOneBatch() {
        return new Predicate<>() {
            private boolean reread;

            @Override
            public boolean test(String nodeId) {
                if (remembered.contains(nodeId)) {
                    return true;
                }
                if (!reread) {
                    reread = true;
                    remembered = read();
                }
                return remembered.contains(nodeId);
            }
        };
    }

    private Set<String> read() {
        Set<String> ids = new HashSet<>();
        jdbc.query("SELECT node_id FROM node", row -> {
            ids.add(row.getString(1));
        });
        return Set.copyOf(ids);
    }
}
