package network.mmc.jobs.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.MmcHubApplication;
import network.mmc.jobs.batch.HubInstance;

/**
 * Another Hub process (its own JVM) on the test classpath, running a CLI command; its stdout and stderr are read
 * on threads so it never blocks, and lines of either can be awaited. {@link #kill()} is a kill -9.
 */
public final class ChildHub implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private final StringBuffer stdout = new StringBuffer();
    private final Thread reader;
    private final Thread errorReader;

    private ChildHub(Process process) {
        this.process = process;
        this.reader = read(process.getInputStream(), stdout, "child-hub-stdout");
        this.errorReader = read(process.getErrorStream(), null, "child-hub-stderr");
    }

    private Thread read(InputStream stream, StringBuffer only, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    output.append(line).append('\n');
                    if (only != null) {
                        only.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Starts {@code mmc-hub <arguments>} with the given system properties ({@code key=value}). */
    public static ChildHub start(List<String> properties, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        // a child serving at 03:30 UTC would archive the old windows other test classes settle and read
        if (properties.stream().noneMatch(property -> property.startsWith("mmc.scheduler.archive-cron="))) {
            command.add("-Dmmc.scheduler.archive-cron=0 30 3 1 1 ? 2099");
        }
        properties.forEach(property -> command.add("-D" + property));
        command.add(MmcHubApplication.class.getName());
        command.addAll(List.of(arguments));
        try {
            return new ChildHub(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for an output line containing {@code text}; false if the process ended or time ran out first. */
    public boolean awaitLine(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(text)) {
                return true;
            }
            if (line == null && !process.isAlive()) {
                return false;
            }
        }
        return false;
    }

    /** Waits for the process to end and gives its exit code; fails the test if it is still running at the deadline. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s; output so far:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        errorReader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** Everything the process printed so far, stdout and stderr, for failure messages. */
    public String output() {
        return output.toString();
    }

    /** What the process printed on stdout alone. */
    public String stdout() {
        return stdout.toString();
    }

    /** The instance the process records with the jobs and steps it runs ({@link HubInstance}). */
    public String instance() {
        return HubInstance.host() + ":" + process.pid();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
