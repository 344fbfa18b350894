package network.mmc.jobs.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a phase of a benchmark cost, read before and after it in this JVM: CPU of this JVM, of the threads whose names
 * start with one of {@code agentThreads} (the loopback agents, which share the JVM) and of the embedded database
 * ({@link CpuTimes}), the statements and rows the database counted, the JIT compilers' time and GC time
 * (both elapsed, as the JVM counts them), and the CPU of the JVM's threads by name. Threads that start and end inside
 * the phase are counted in the JVM's CPU, not in the agents'.
 */
final class PhaseCost {

    private static final List<String> COUNTERS = List.of("Com_select", "Com_insert", "Com_update", "Com_commit",
            "Handler_write", "Handler_update");

    private final JdbcTemplate jdbc;
    private final Path mariaDbDataDir;
    private final List<String> agentThreads;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    PhaseCost(JdbcTemplate jdbc, Path mariaDbDataDir, List<String> agentThreads) {
        this.jdbc = jdbc;
        this.mariaDbDataDir = mariaDbDataDir;
        this.agentThreads = agentThreads;
    }

    /** The counters now. */
    Snapshot now() {
        Map<String, Long> counters = new HashMap<>();
        jdbc.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('" + String.join("', '", COUNTERS) + "')",
                row -> {
                    counters.put(row.getString(1), row.getLong(2));
                });
        return new Snapshot(CpuTimes.now(mariaDbDataDir, agentThreads.toArray(String[]::new)), threadCpu(), counters,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime(),
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum());
    }

    /** One line: CPU per unit of the JVM without the agents, of the agents, of the database; statements per unit. */
    String since(Snapshot before, int units) {
        Snapshot after = now();
        CpuTimes.Used cpu = after.cpu.since(before.cpu);
        double jvm = cpu.jvm() * 1e3 / units;
        double agents = cpu.threads() * 1e3 / units;
        double database = cpu.database() * 1e3 / units;
        Map<String, Double> byThread = new HashMap<>();
        after.threadNanos.forEach((name, nanos) -> byThread.put(name, (nanos - before.threadNanos.getOrDefault(name,
                0L)) / 1e6 / units));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "CPU a unit: JVM less agents %.3f ms, agents"
                + " %.3f ms, database %.3f ms; a unit:", jvm - agents, agents, database));
        for (String counter : COUNTERS) {
            line.append(String.format(Locale.ROOT, " %s %.2f", counter,
                    (after.counters.getOrDefault(counter, 0L) - before.counters.getOrDefault(counter, 0L))
                            / (double) units));
        }
        line.append(String.format(Locale.ROOT, "; JIT %.3f ms, GC %.3f ms a unit; JVM threads (ms a unit):",
                (after.jitMillis - before.jitMillis) / (double) units, (after.gcMillis - before.gcMillis) / (double) units));
        byThread.entrySet().stream().filter(entry -> entry.getValue() >= 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(entry -> line.append(String.format(Locale.ROOT, " %s %.3f", entry.getKey(), entry.getValue())));
        return line.toString();
    }

    /** CPU of the live threads by name, digits left out (a pool's threads together). */
    private Map<String, Long> threadCpu() {
        Map<String, Long> nanos = new HashMap<>();
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null) {
                nanos.merge(thread.getThreadName().replaceAll("[0-9]+", ""),
                        Math.max(0, threads.getThreadCpuTime(thread.getThreadId())), Long::sum);
            }
        }
        return nanos;
    }

    record Snapshot(CpuTimes cpu, Map<String, Long> threadNanos, Map<String, Long> counters, long jitMillis,
                    long gcMillis) {
    }
}
