package network.mmc.jobs.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import network.mmc.jobs.batch.HubInstance;
import network.mmc.jobs.claims.ClaimRecovery;
import network.mmc.jobs.mail.MailWork;
import network.mmc.jobs.rewards.AuthorityStatus;
import network.mmc.jobs.rewards.DistributionPublisher;
import network.mmc.jobs.scheduling.SchedulerControl;
import network.mmc.jobs.tasks.TaskDispatcher;
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
        serve(runtime.start(WebApplicationType.SERVLET), System.out);
        return 0;
    }

    /**
     * Starts the scheduled work (Quartz triggers, the mail loop, the task dispatcher) of a started web context, says where it serves, and
     * serves until the process is stopped: {@code serve}, and {@code demo --serve} after the demo.
     */
    static void serve(ConfigurableApplicationContext context, PrintStream out) throws InterruptedException {
        SchedulerControl scheduler = context.getBean(SchedulerControl.class);
        scheduler.start();
        context.getBeanProvider(MailWork.class).ifAvailable(MailWork::start);
        context.getBean(ClaimRecovery.class).start();
        context.getBean(TaskDispatcher.class).start();
        // said once here and kept in /actuator/health: an export with nothing to publish does not need the key
        AuthorityStatus authority = context.getBean(DistributionPublisher.class).status();
        if (authority.problem() != null) {
            out.println("warning: exports of waiting withdrawals fail until this is fixed: " + authority.problem());
        } else if (authority.rpcError() != null) {
            out.println("warning: the authority's balance is unknown, " + authority.rpcError()
                    + "; each export asks again");
        }
        printWhereItServes(context, scheduler, out);
        while (context.isActive()) {
            Thread.sleep(1_000);
        }
    }

    /** The one place that tells people where to reach the Hub once it serves. */
    private static void printWhereItServes(ConfigurableApplicationContext context, SchedulerControl scheduler,
                                           PrintStream out) {
        out.println("MMC Hub serving at " + url(context) + " (health: " + url(context) + "/actuator/health);"
                + " instance " + HubInstance.id() + " (jobs list), scheduler instance " + scheduler.state().instanceId()
                + " firing " + scheduler.triggers().stream().map(TriggerView::name).toList() + "; stop with Ctrl-C");
        out.println("  web console " + url(context) + "/ (sign in: `user create`), Node DApp " + url(context)
                + "/dapp (connect a wallet), API documentation " + url(context) + "/swagger-ui.html");
    }

    private static String url(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String address = context.getEnvironment().getProperty("server.address", "localhost");
        String host = address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
