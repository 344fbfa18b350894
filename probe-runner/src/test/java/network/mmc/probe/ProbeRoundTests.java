package network.mmc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.node.DrillExecutor;
import network.mmc.node.DrillExecutor.Drill;
import network.mmc.node.MatmulTaskServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeRoundTests {

    private final List<MatmulTaskServer> servers = new ArrayList<>();
    private final CpuMatmulExecutor cpu = new CpuMatmulExecutor(2);
    private final ProbeRound round = new ProbeRound(new ProbeSettings(32, 48, 4, Duration.ofMillis(800), 3),
            AddressPolicy.allowing(List.of("127.0.0.0/8")), Clock.systemUTC());

    @AfterEach
    void stop() {
        servers.forEach(MatmulTaskServer::close);
        round.close();
        cpu.close();
    }

    @Test
    void classifiesHonestWrongSilentAndUnreachableNodes() throws Exception {
        ProbeTarget honest = serve("honest", cpu);
        ProbeTarget wrong = serve("wrong", DrillExecutor.of(cpu, Drill.WRONG_RESULT));
        ProbeTarget silent = serve("silent", new DrillExecutor(cpu, Drill.NO_ANSWER, Duration.ofSeconds(3)));
        ProbeTarget down = new ProbeTarget("down", "http://127.0.0.1:" + freePort());

        List<ProbeOutcome> outcomes = round.probe(List.of(honest, wrong, silent, down));

        assertThat(outcomes).extracting(ProbeOutcome::status).containsExactly(ProbeStatus.SUCCESS,
                ProbeStatus.WRONG_RESULT, ProbeStatus.TIMEOUT, ProbeStatus.FAILED);
        assertThat(outcomes.get(0).gflops()).isPositive();
        assertThat(outcomes.get(2).latencyMillis()).isBetween(700L, 2_500L);
        assertThat(outcomes.get(2).detail()).isEqualTo("no answer within PT0.8S");
        assertThat(outcomes.get(3).detail()).startsWith("cannot connect to 127.0.0.1:");
    }

    @Test
    void anEndpointThatIsNotAUrlFailsWithoutStoppingTheRound() {
        ProbeTarget honest = serve("honest", cpu);

        List<ProbeOutcome> outcomes = round.probe(List.of(new ProbeTarget("bad", "not a url"), honest));

        assertThat(outcomes).extracting(ProbeOutcome::status).containsExactly(ProbeStatus.FAILED, ProbeStatus.SUCCESS);
        assertThat(outcomes.get(0).detail()).isEqualTo("not probed: endpoint 'not a url' is not a URL: Illegal character in path");
    }

    private ProbeTarget serve(String nodeId, network.mmc.gpu.MatmulExecutor executor) {
        MatmulTaskServer server = MatmulTaskServer.start("127.0.0.1", 0, executor, nodeId);
        servers.add(server);
        return new ProbeTarget(nodeId, server.endpoint());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
