package network.mmc.jobs.cli;

import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Hub as a long-running service: REST API (port server.port, default 8080).")
class ServeCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    ServeCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = runtime.start(WebApplicationType.SERVLET);
        System.out.println("MMC Hub serving; stop with Ctrl-C");
        while (context.isActive()) {
            Thread.sleep(1_000);
        }
        return 0;
    }
}
