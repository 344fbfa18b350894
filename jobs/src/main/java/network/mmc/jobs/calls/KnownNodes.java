package network.mmc.jobs.calls;

import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The registered node ids, read once per import so that validating a row is a set lookup. */
@Component
class KnownNodes {

    private final JdbcTemplate jdbc;

    KnownNodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> load() {
        Set<String> ids = new HashSet<>();
        jdbc.query("SELECT node_id FROM node", row -> {
            ids.add(row.getString(1));
        });
        return ids;
    }
}
