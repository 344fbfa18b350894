package network.mmc.jobs.support;

import java.io.BufferedReader;
import java.io.IOException;
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

/**
 * Another Hub process (its own JVM) on the test classpath, running a CLI command; its output is read on a
 * thread so it never blocks, and lines can be awaited. {@link #kill()} is a kill -9.
 */
public final class ChildHub implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();

    private ChildHub(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "child-hub-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mmc-hub <arguments>} with the given system properties ({@code key=value}). */
    public static ChildHub start(List<String> properties, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        properties.forEach(property -> command.add("-D" + property));
        command.add(MmcHubApplication.class.getName());
        command.addAll(List.of(arguments));
        try {
            return new ChildHub(new ProcessBuilder(command).redirectErrorStream(true).start());
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

    /** Waits for the process to end: its exit code, or -1 if it still runs after {@code seconds}. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** Everything the process printed so far, for failure messages. */
    public String output() {
        return output.toString();
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
