package network.mmc.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pins processes, and threads of this JVM by name, to CPU cores with Linux's {@code taskset}: how a benchmark gives
 * loopback node agents cores of their own, as nodes on other machines would have. Threads started later inherit the
 * cores of the thread that starts them.
 */
final class CorePinning {

    private CorePinning() {
    }

    /** Every thread of the process to {@code cpus} (a taskset list, e.g. "0" or "1-3"). */
    static void pinProcess(long pid, String cpus) {
        taskset("-a", "-p", "-c", cpus, Long.toString(pid));
    }

    /**
     * This JVM's threads whose Linux name (at most 15 characters of the Java name) starts with one of the prefixes, to
     * {@code cpus}: how many.
     */
    static int pinThreads(List<String> namePrefixes, String cpus) throws IOException {
        int pinned = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException gone) {
                    continue;
                }
                if (namePrefixes.stream().anyMatch(prefix -> name.startsWith(prefix.substring(0,
                        Math.min(prefix.length(), 15))))) {
                    taskset("-p", "-c", cpus, task.getFileName().toString());
                    pinned++;
                }
            }
        }
        return pinned;
    }

    private static void taskset(String... arguments) {
        String[] command = Stream.concat(Stream.of("taskset"), Stream.of(arguments)).toArray(String[]::new);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("taskset (util-linux) is needed to pin cores: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning cores", e);
        }
    }
}
