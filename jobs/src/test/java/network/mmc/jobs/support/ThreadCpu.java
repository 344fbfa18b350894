package network.mmc.jobs.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this JVM's live threads whose names start with one of some prefixes, thread by thread, so that what a
 * group of threads used over a stretch of time can be told even when threads come and go in between. A thread that
 * ended before the second reading is not counted.
 */
public record ThreadCpu(List<String> prefixes, Map<Long, Long> nanosByThread) {

    public static ThreadCpu of(String... prefixes) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> nanos = new HashMap<>();
        for (ThreadInfo thread : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (thread != null && List.of(prefixes).stream().anyMatch(thread.getThreadName()::startsWith)) {
                nanos.put(thread.getThreadId(), Math.max(0, mx.getThreadCpuTime(thread.getThreadId())));
            }
        }
        return new ThreadCpu(List.of(prefixes), Map.copyOf(nanos));
    }

    /** CPU seconds these threads used since {@code before} (a thread started since counts whole). */
    public double secondsSince(ThreadCpu before) {
        long nanos = 0;
        for (Map.Entry<Long, Long> thread : nanosByThread.entrySet()) {
            nanos += thread.getValue() - before.nanosByThread.getOrDefault(thread.getKey(), 0L);
        }
        return nanos / 1e9;
    }

    /** A new reading of the same threads. */
    public ThreadCpu now() {
        return of(prefixes.toArray(String[]::new));
    }
}
