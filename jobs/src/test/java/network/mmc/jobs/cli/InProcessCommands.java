package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code mmc-hub} commands run in the test JVM on the test database (its {@code spring.datasource.*} system
 * properties), their stdout and stderr read through picocli's writers.
 */
public final class InProcessCommands implements AutoCloseable {

    private final HubRuntime runtime;

    public InProcessCommands() {
        this("MmcHubCommandsUnderTest", List.of());
    }

    /**
     * Commands with settings of their own ({@code --key=value}), such as another Solana RPC or authority key.
     *
     * @param schedulerName Quartz keeps one scheduler per name in a JVM, and the Hub under test already has the
     *                      default one: each runtime open at once needs a name of its own
     */
    public InProcessCommands(String schedulerName, List<String> settings) {
        List<String> arguments = new ArrayList<>(settings);
        arguments.add("--spring.quartz.scheduler-name=" + schedulerName);
        runtime = new HubRuntime(arguments);
    }

    public record Output(int exitCode, String out, String err) {
    }

    public Output run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HubCommandLine.commandLine(runtime);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(arguments);
        return new Output(exitCode, out.toString(), err.toString());
    }

    @Override
    public void close() {
        runtime.close();
    }
}
