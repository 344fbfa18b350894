package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code mmc-hub} commands run in the test JVM on the test database (its {@code spring.datasource.*} system
 * properties), their stdout and stderr read through picocli's writers.
 */
public final class InProcessCommands implements AutoCloseable {

    // Quartz keeps one scheduler per name in a JVM, and the Hub under test already has the default one
    private final HubRuntime runtime = new HubRuntime(List.of("--spring.quartz.scheduler-name=MmcHubCommandsUnderTest"));

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
