package network.mmc.jobs.cli;

import java.util.concurrent.Callable;
import network.mmc.jobs.rewards.DistributionPublisher;
import network.mmc.jobs.scheduling.SchedulerControl;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Hub as a long-running service: REST API (port server.port, default 8080) and the"
                + " Quartz triggers (settlement, probes, export), clustered with other instances on the database.")
class ServeCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    ServeCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() throws InterruptedException {
        runtime.logAtInfo();
        ConfigurableApplicationContext context = runtime.start(WebApplicationType.SERVLET);
        SchedulerControl scheduler = context.getBean(SchedulerControl.class);
        scheduler.start();
        try {
            context.getBean(DistributionPublisher.class).authority();
        } catch (IllegalStateException e) {
            System.out.println("warning: exports will fail until this is fixed: " + e.getMessage());
        }
        System.out.println("MMC Hub serving; scheduler instance " + scheduler.state().instanceId() + " firing "
                + scheduler.triggers().stream().map(t -> t.name()).toList() + "; stop with Ctrl-C");
        while (context.isActive()) {
            Thread.sleep(1_000);
        }
        return 0;
    }
}
