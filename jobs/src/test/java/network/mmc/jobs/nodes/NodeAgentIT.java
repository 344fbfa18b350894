package network.mmc.jobs.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import network.mmc.node.NodeAgentCommand;
import network.mmc.node.NodeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine;

/** The {@code mmc-node} commands against a running Hub. */
class NodeAgentIT extends HubIntegrationTest {

    @Autowired
    NodeRegistry registry;

    @TempDir
    Path dataDir;

    @Test
    void registerReportsStatusAndBindsTheOwnerWithTheKeyKeptInTheDataDir() {
        String owner = TestNode.aWallet();

        Run register = mmcNode("register", "--node", "computing", "--owner", owner, "--endpoint", "http://127.0.0.1:7070");

        String nodeId = NodeIdentity.loadOrCreate(dataDir).nodeId();
        assertThat(register.exitCode()).as(register.output()).isZero();
        assertThat(register.output()).contains("registered " + nodeId + " (COMPUTING), owner " + owner);
        Node node = registry.find(nodeId);
        assertThat(node.getOwnerWallet()).isEqualTo(owner);
        assertThat(node.getLastStatusAt()).isNotNull();
        assertThat(node.getEndpointUrl()).isEqualTo("http://127.0.0.1:7070");

        Run status = mmcNode("status");
        assertThat(status.output()).contains("node      " + nodeId, "owner     " + owner, "executor  cpu:");
        assertThat(mmcNode("id").output().trim()).isEqualTo(nodeId);
    }

    @Test
    void aSecondRegistrationOfTheSameKeyIsRefusedWithTheHubsReason() {
        mmcNode("register", "--node", "computing", "--endpoint", "http://127.0.0.1:7071");

        Run again = mmcNode("register", "--node", "computing", "--endpoint", "http://127.0.0.1:7071");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("the Hub answered 409", "already registered");
    }

    @Test
    void anEndpointProbesMayNotCallIsRefusedWithTheHubsReason() {
        Run register = mmcNode("register", "--node", "computing", "--endpoint", "http://169.254.169.254:80/latest");

        assertThat(register.exitCode()).isEqualTo(1);
        assertThat(register.output()).contains("the Hub answered 400: endpointUrl http://169.254.169.254:80/latest:"
                + " 169.254.169.254 is a cloud metadata address");
        assertThatThrownBy(() -> registry.find(NodeIdentity.loadOrCreate(dataDir).nodeId()))
                .hasMessageContaining("unknown node");
    }

    private record Run(int exitCode, String output) {
    }

    private Run mmcNode(String... arguments) {
        StringWriter out = new StringWriter();
        CommandLine cli = NodeAgentCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        String[] all = new String[arguments.length + 4];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = "--data-dir";
        all[arguments.length + 1] = dataDir.toString();
        all[arguments.length + 2] = "--hub";
        all[arguments.length + 3] = "http://127.0.0.1:" + port;
        int code = cli.execute(all);
        return new Run(code, out.toString());
    }
}
