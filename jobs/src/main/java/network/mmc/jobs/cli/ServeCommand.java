package network.mmc.jobs.cli;

import java.util.concurrent.Callable;
import network.mmc.jobs.claims.ClaimRecovery;
import network.mmc.jobs.mail.MailWork;
import network.mmc.jobs.rewards.AuthorityStatus;
import network.mmc.jobs.rewards.DistributionPublisher;
import network.mmc.jobs.scheduling.SchedulerControl;
import network.mmc.scheduler.TriggerView;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
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
        context.getBeanProvider(MailWork.class).ifAvailable(MailWork::start);
        context.getBean(ClaimRecovery.class).start();
        // said once here and kept in /actuator/health: an export with nothing to publish does not need the key
        AuthorityStatus authority = context.getBean(DistributionPublisher.class).status();
        if (authority.problem() != null) {
            System.out.println("warning: exports of waiting withdrawals fail until this is fixed: " + authority.problem());
        } else if (authority.rpcError() != null) {
            System.out.println("warning: the authority's balance is unknown, " + authority.rpcError()
                    + "; each export asks again");
        }
        System.out.println("MMC Hub serving at " + url(context) + " (health: " + url(context) + "/actuator/health);"
                + " scheduler instance " + scheduler.state().instanceId() + " firing "
                + scheduler.triggers().stream().map(TriggerView::name).toList() + "; stop with Ctrl-C");
        while (context.isActive()) {
            Thread.sleep(1_000);
        }
        return 0;
    }

    private static String url(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String address = context.getEnvironment().getProperty("server.address", "localhost");
        String host = address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
