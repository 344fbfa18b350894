package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code mmc-hub} commands run in the test JVM on the test database (its {@code spring.datasource.*} system
 * properties), their stdout and stderr read through picocli's writers.
 */
final class InProcessCommands implements AutoCloseable {

    // Quartz keeps one scheduler per name in a JVM, and the Hub under test already has the default one
    private final HubRuntime runtime = new HubRuntime(List.of("--spring.quartz.scheduler-name=MmcHubCommandsUnderTest"));

    record Output(int exitCode, String out, String err) {
    }

    Output run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RootCommand(runtime), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    Constructor<K> constructor = type.getDeclaredConstructor(HubRuntime.class);
                    constructor.setAccessible(true);
                    return constructor.newInstance(runtime);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("mmc-hub: " + e.getMessage());
            return 1;
        });
        int exitCode = cli.execute(arguments);
        return new Output(exitCode, out.toString(), err.toString());
    }

    @Override
    public void close() {
        runtime.close();
    }
}
