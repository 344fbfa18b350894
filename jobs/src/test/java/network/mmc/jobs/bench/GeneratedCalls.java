package network.mmc.jobs.bench;

import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A settlement window's call records for a benchmark, generated inside MariaDB from its sequence engine: {@code nodes}
 * registered nodes (most with an owner and a stake), {@code records} calls spread evenly over the window, a few
 * failed, a tenth from validators, some self-dealt.
 */
final class GeneratedCalls {

    private GeneratedCalls() {
    }

    /**
     * Generates the window's records, prints how many, for which window, in how long and on how many cores, and waits
     * until InnoDB has written them.
     */
    static void generateAndSay(JdbcTemplate jdbc, SettlementWindow window, int nodes, int records) {
        long start = System.nanoTime();
        generate(jdbc, window, nodes, records);
        System.out.printf("%n%,d nodes x %,d records in window %s (generated in %.1f s; %d cores)%n", nodes, records,
                window, BenchmarkHub.seconds(start), Runtime.getRuntime().availableProcessors());
        // whether the windows fit in the buffer pool decides whether floor and job read memory or disk
        jdbc.query("SELECT t.DATA_LENGTH >> 20, t.INDEX_LENGTH >> 20, @@GLOBAL.innodb_buffer_pool_size >> 20"
                + " FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_NAME = 'call_record'",
                row -> {
                    System.out.printf("call_record: %,d MB of rows, %,d MB of indexes; buffer pool %,d MB%n",
                            row.getLong(1), row.getLong(2), row.getLong(3));
                });
        awaitFlushed(jdbc);
    }

    /**
     * Waits (at most 2 minutes) until InnoDB has written the generated rows' pages: otherwise its background flushing
     * competes with whatever runs first, floor or job, and the ratio measures that.
     */
    private static void awaitFlushed(JdbcTemplate jdbc) {
        // InnoDB writes dirty pages at its I/O capacity only while above this share of the pool: 0 makes it flush now
        double maxDirty = jdbc.queryForObject("SELECT @@GLOBAL.innodb_max_dirty_pages_pct", Double.class);
        jdbc.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
        long start = System.nanoTime();
        long deadline = start + 120_000_000_000L;
        long dirty;
        try {
            do {
                dirty = jdbc.queryForObject("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                        + " WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'", Long.class);
                if (dirty > 100) {
                    Thread.sleep(1_000);
                }
            } while (dirty > 100 && System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            jdbc.execute("SET GLOBAL innodb_max_dirty_pages_pct = " + maxDirty);
        }
        System.out.printf("waited %.1f s for InnoDB to flush the generated rows (%,d dirty pages left)%n",
                BenchmarkHub.seconds(start), dirty);
    }

    private static void generate(JdbcTemplate jdbc, SettlementWindow window, int nodes, int records) {
        String tag = window.start().toString().replaceAll("[^0-9]", "").substring(0, 12);
        jdbc.execute("DROP TABLE IF EXISTS bench_node");
        jdbc.execute("CREATE TABLE bench_node (k INT PRIMARY KEY, node_id VARCHAR(64) NOT NULL)");
        jdbc.update("INSERT INTO bench_node SELECT seq - 1, CONCAT('bench-" + tag + "-', seq) FROM seq_1_to_" + nodes);
        jdbc.update("INSERT IGNORE INTO node (node_id, public_key, kind, owner_wallet, stake, registered_at)"
                + " SELECT b.node_id, UNHEX(SHA2(b.node_id, 256)), 'COMPUTING', IF(b.k % 20 = 19, NULL, CONCAT('owner-', b.k % 3000)),"
                + " (b.k % 5) * 5000000000000, NOW(6) FROM bench_node b");
        long spacingMicros = window.period().toNanos() / 1000 / records;
        int batch = 1_000_000;
        for (int from = 1; from <= records; from += batch) {
            int to = Math.min(records, from + batch - 1);
            jdbc.update("INSERT INTO call_record (event_id, node_id, caller_type, caller_id, caller_wallet, task_type,"
                    + " status, credits, latency_ms, called_at, recorded_at)"
                    + " SELECT CONCAT('bench-" + tag + "-', s.seq), b.node_id, IF(s.seq % 10 = 0, 'VALIDATOR', 'API_USER'), 'u',"
                    + " IF(s.seq % 10 = 0, NULL, IF(s.seq % 97 = 0, CONCAT('owner-', b.k % 3000), CONCAT('user-', s.seq % 89))),"
                    + " 'gemm', ELT(1 + IF(s.seq % 17 = 0, 1 + s.seq % 3, 0), 'SUCCESS', 'FAILED', 'TIMEOUT', 'WRONG_RESULT'),"
                    + " 40 + s.seq % 260 + IF(b.k < 3, 5000, 0), 100, NULL, TIMESTAMPADD(MICROSECOND, s.seq * ?, ?)"
                    + " FROM seq_" + from + "_to_" + to + " s JOIN bench_node b ON b.k = (s.seq * 7919) % " + nodes,
                    spacingMicros, UtcTimestamps.of(window.start()));
        }
        jdbc.execute("DROP TABLE bench_node");
    }
}
