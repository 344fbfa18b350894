package network.mmc.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class NodeAgentCommandTests {

    @ParameterizedTest
    @ValueSource(strings = {"id", "version", "register", "status", "serve"})
    void everyCommandAnswersHelpWithItsUsage(String command) {
        // given
        CommandLine cli = NodeAgentCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        // when
        int exitCode = cli.execute(command, "--help");

        // then
        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: mmc-node " + command).contains("--help");
        assertThat(err.toString()).isEmpty();
    }
}
