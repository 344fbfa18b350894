package network.mmc.jobs.cli;

import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import network.mmc.jobs.crypto.InvalidSignedRequestException;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import picocli.CommandLine;

/** Entry point of {@code ./mmc-hub}: picocli commands over a lazily started {@link HubRuntime}. */
public final class HubCommandLine {

    static final int USAGE = 2;

    /** {@code --spring.datasource.url=…}, {@code --mmc.hub-id=…}: a dotted key, as no command option has. */
    private static final Pattern SETTING = Pattern.compile("--[A-Za-z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*", Pattern.DOTALL);

    private HubCommandLine() {
    }

    public static int run(String[] args) {
        List<String> settings = new ArrayList<>();
        List<String> commandArgs = new ArrayList<>();
        for (String arg : args) {
            (SETTING.matcher(arg).matches() ? settings : commandArgs).add(arg);
        }
        try (HubRuntime runtime = new HubRuntime(settings)) {
            return commandLine(runtime).execute(commandArgs.toArray(String[]::new));
        }
    }

    /** The commands over {@code runtime}: a bad argument exits 2, a failure prints one line. */
    static CommandLine commandLine(HubRuntime runtime) {
        CommandLine cli = PlainValueConverters.register(new CommandLine(new RootCommand(runtime),
                new RuntimeFactory(runtime)).registerConverter(Instant.class, new TimeConverter()));
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("mmc-hub: " + e.getMessage() + " (see --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, ignored) -> {
            commandLine.getErr().println("mmc-hub: " + rootMessage(e));
            return isUsersMistake(e) ? USAGE : 1;
        });
        return cli;
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
