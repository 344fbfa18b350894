package network.mmc.jobs.cli;

import java.util.concurrent.Callable;
import network.mmc.jobs.batch.HubInstance;
import network.mmc.jobs.settlement.PartitionConsumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Aggregate settlement partitions for Hubs in remote mode (mmc.settlement.mode=remote): takes them"
                + " from RabbitMQ (spring.rabbitmq.*, queue mmc.settlement.remote.queue) and records them in this Hub's"
                + " database, until stopped. Run any number, on any machine that reaches both.")
class WorkerCommand implements Callable<Integer> {

    static final String WORKER_PROPERTY = "mmc.settlement.worker";

    private final HubRuntime runtime;

    @Spec
    CommandSpec spec;

    WorkerCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() throws InterruptedException {
        runtime.set(WORKER_PROPERTY, "true");
        runtime.logAtInfo();
        ConfigurableApplicationContext context = runtime.start(WebApplicationType.NONE);
        String consuming = context.getBean(PartitionConsumer.class).start();
        spec.commandLine().getOut().println("MMC Hub worker: " + consuming + "; instance " + HubInstance.id()
                + " (jobs show); stop with Ctrl-C");
        spec.commandLine().getOut().flush();
        while (context.isActive()) {
            Thread.sleep(1_000);
        }
        return 0;
    }
}
