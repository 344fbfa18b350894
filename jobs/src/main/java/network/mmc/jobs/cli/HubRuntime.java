package network.mmc.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.MmcHubApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application context (and the embedded database) only when a command needs it, so that
 * {@code --help} and bad arguments answer at once. Settings given as {@code --key=value} reach the context as
 * command-line properties.
 */
public final class HubRuntime implements AutoCloseable {

    private static final String HUB_LOG_LEVEL = "logging.level.network.mmc";

    private final List<String> settings;
    private final Map<String, String> commandSettings = new LinkedHashMap<>();
    private boolean logAtInfo;
    private ConfigurableApplicationContext context;

    HubRuntime(List<String> settings) {
        this.settings = List.copyOf(settings);
    }

    public <T> T bean(Class<T> type) {
        return start(WebApplicationType.NONE).getBean(type);
    }

    /** The Hub's own INFO log lines: for {@code serve} and {@code --verbose}; other commands print only their output. */
    void logAtInfo() {
        logAtInfo = true;
    }

    /**
     * A setting the command gives for its own run, as a user gives one ({@code --key=value}), in place of any the
     * user gave for the same key; only before the Hub starts.
     */
    void set(String key, String value) {
        if (context != null) {
            throw new IllegalStateException("the Hub has started: " + key + " can no longer be set");
        }
        commandSettings.put(key, value);
    }

    ConfigurableApplicationContext start(WebApplicationType webType) {
        if (context == null) {
            context = new SpringApplicationBuilder(MmcHubApplication.class).web(webType)
                    .run(arguments().toArray(String[]::new));
        }
        return context;
    }

    /** What the Hub starts with: the user's settings, the command's in place of the user's for the same key. */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(settings.stream().filter(setting -> commandSettings.keySet()
                .stream().noneMatch(key -> setting.startsWith("--" + key + "="))).toList());
        commandSettings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        if (settings.stream().noneMatch(setting -> setting.startsWith("--" + HUB_LOG_LEVEL + "="))) {
            arguments.add("--" + HUB_LOG_LEVEL + "=" + (logAtInfo ? "info" : "warn"));
        }
        return arguments;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
