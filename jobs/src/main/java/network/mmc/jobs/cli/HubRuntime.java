package network.mmc.jobs.cli;

import network.mmc.jobs.MmcHubApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application context (and the embedded database) only when a command needs it, so that
 * {@code --help} and bad arguments answer at once.
 */
public final class HubRuntime implements AutoCloseable {

    private ConfigurableApplicationContext context;

    public <T> T bean(Class<T> type) {
        return start(WebApplicationType.NONE).getBean(type);
    }

    ConfigurableApplicationContext start(WebApplicationType webType) {
        if (context == null) {
            context = new SpringApplicationBuilder(MmcHubApplication.class).web(webType).run();
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
