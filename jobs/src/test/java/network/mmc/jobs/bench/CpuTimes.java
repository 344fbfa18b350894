package network.mmc.jobs.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import network.mmc.jobs.support.ThreadCpu;

/**
 * A reading of the CPU time used by this JVM, by some of its threads, and by the embedded MariaDB (from
 * {@code /proc}, NaN off Linux): the benchmarks run the Hub, its clients and its database on the same few cores, so
 * a rate alone does not say whose CPU it took.
 */
record CpuTimes(double jvm, ThreadCpu threads, double database, Path pidFile) {

    private static final double CLOCK_TICKS_PER_SECOND = 100;

    /** CPU seconds used between two readings. */
    record Used(double jvm, double threads, double database) {
    }

    static CpuTimes now(Path mariaDbDataDir, String... threadPrefixes) {
        Path pidFile = mariaDbDataDir.resolve("mariadbd.pid");
        return new CpuTimes(jvmSeconds(), ThreadCpu.of(threadPrefixes), processSeconds(pidFile), pidFile);
    }

    Used since(CpuTimes before) {
        return new Used(jvm - before.jvm, threads.secondsSince(before.threads), database - before.database);
    }

    /** A new reading of the same threads and database. */
    CpuTimes now() {
        return new CpuTimes(jvmSeconds(), threads.now(), processSeconds(pidFile), pidFile);
    }

    private static double jvmSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** utime + stime of the process in a pid file, from /proc/PID/stat (fields 14 and 15, after the name). */
    private static double processSeconds(Path pidFile) {
        try {
            String pid = Files.readString(pidFile).trim();
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
