package network.mmc.jobs.cli;

import java.lang.reflect.Constructor;
import network.mmc.jobs.crypto.InvalidSignedRequestException;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import picocli.CommandLine;

/** Entry point of {@code ./mmc-hub}: picocli commands over a lazily started {@link HubRuntime}. */
public final class HubCommandLine {

    static final int USAGE = 2;

    private HubCommandLine() {
    }

    public static int run(String[] args) {
        try (HubRuntime runtime = new HubRuntime()) {
            CommandLine cli = new CommandLine(new RootCommand(), new RuntimeFactory(runtime));
            cli.setParameterExceptionHandler((e, ignored) -> {
                e.getCommandLine().getErr().println("mmc-hub: " + e.getMessage() + " (see --help)");
                return USAGE;
            });
            cli.setExecutionExceptionHandler((e, commandLine, ignored) -> {
                commandLine.getErr().println("mmc-hub: " + rootMessage(e));
                return isUsersMistake(e) ? USAGE : 1;
            });
            return cli.execute(args);
        }
    }

    private static boolean isUsersMistake(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof NotFoundException
                || e instanceof ConflictException || e instanceof InvalidSignedRequestException;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Gives commands that take a {@link HubRuntime} in their constructor the shared one. */
    private record RuntimeFactory(HubRuntime runtime) implements CommandLine.IFactory {

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
    }
}
