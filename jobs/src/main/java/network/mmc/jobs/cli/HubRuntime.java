package network.mmc.jobs.cli;

import java.util.ArrayList;
import java.util.List;
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

    ConfigurableApplicationContext start(WebApplicationType webType) {
        if (context == null) {
            List<String> arguments = new ArrayList<>(settings);
            if (settings.stream().noneMatch(setting -> setting.startsWith("--" + HUB_LOG_LEVEL + "="))) {
                arguments.add("--" + HUB_LOG_LEVEL + "=" + (logAtInfo ? "info" : "warn"));
            }
            context = new SpringApplicationBuilder(MmcHubApplication.class).web(webType)
                    .run(arguments.toArray(String[]::new));
        }
        return context;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
