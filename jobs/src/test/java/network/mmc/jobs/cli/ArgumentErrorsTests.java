package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A bad argument is answered with one line and exit code 2 before the command starts the application: the embedded
 * database's data dir is never created.
 */
class ArgumentErrorsTests {

    private static final String WALLET = "11111111111111111111111111111111";

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("settle", "--window", "garbage"), "--window': 'garbage' is not an ISO-8601 time"),
                Arguments.of(List.of("settle", "--rerun", "--window", "2026-11-25T10:00Z"), "--rerun needs --window, --reason and --operator"),
                Arguments.of(List.of("runs", "show", "yesterday"), "(WINDOW): 'yesterday' is not an ISO-8601 time"),
                Arguments.of(List.of("runs", "export", "2026-11-25"), "(WINDOW): '2026-11-25' is not an ISO-8601 time"),
                Arguments.of(List.of("runs", "list", "--from", "garbage"), "--from"),
                Arguments.of(List.of("rewards", "show", "notawallet"), "wallet 'notawallet'"),
                Arguments.of(List.of("rewards", "show", WALLET, "--size", "0"), "size must be between 1 and 1000, got 0"),
                Arguments.of(List.of("proof", "abc"), "wallet 'abc' decodes to 3 bytes, a Solana address has 32"),
                Arguments.of(List.of("nodes", "approve", "node-1", "--operator", "o", "--reason", "r"), "node id 'node-1'"),
                Arguments.of(List.of("stake", "set", "abc", "5", "--operator", "o", "--reason", "r"), "node id 'abc'"),
                Arguments.of(List.of("probe", "--now", "--validator", "v1"), "node id 'v1'"),
                Arguments.of(List.of("jobs", "list", "--limit", "0"), "--limit must be 1 or more, got 0"),
                Arguments.of(List.of("apikey", "create", "--role", "ROOT"), "--role"),
                Arguments.of(List.of("demo", "--nodes", "3"), "--nodes must be >= 6"),
                Arguments.of(List.of("demo", "--out", "pom.xml"), "--out pom.xml is not a folder that can be created"),
                Arguments.of(List.of("import-calls", "no-such-file.csv"), "cannot read no-such-file.csv"),
                Arguments.of(List.of("archive", "--window", "2019-03-01T00:00Z", "--before", "2019-04-01T00:00Z"),
                        "give --window or --before, not both"),
                Arguments.of(List.of("archive", "--batch-size", "0"), "--batch-size must be at least 1"),
                Arguments.of(List.of("task", "status", "abc", "--wait", "garbage"), "Invalid value for option '--wait':"
                        + " 'garbage' is not a duration such as PT10M, PT30S or PT0.5S (ISO-8601)"),
                Arguments.of(List.of("jobs", "list", "--limit", "ten"), "Invalid value for option '--limit': 'ten' is not"
                        + " a whole number from -2147483648 to 2147483647"),
                Arguments.of(List.of("archive", "--batch-size", "99999999999"), "'99999999999' is not a whole number"
                        + " from -2147483648 to 2147483647"),
                Arguments.of(List.of("archive", "restore", "2019-03-01"), "(WINDOW): '2019-03-01' is not an ISO-8601 time"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void aBadArgumentGetsOneLineAndExitCode2WithoutStartingTheDatabase(List<String> arguments, String expected,
                                                                      @TempDir Path home) {
        // given
        Path dataDir = home.resolve("mariadb");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode;
        try (HubRuntime runtime = new HubRuntime(List.of("--mmc.database.embedded.data-dir=" + dataDir))) {
            CommandLine cli = HubCommandLine.commandLine(runtime);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            // when
            exitCode = cli.execute(arguments.toArray(String[]::new));
        }

        // then
        assertThat(exitCode).as(err.toString()).isEqualTo(HubCommandLine.USAGE);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("mmc-hub: ").contains(expected);
        assertThat(out.toString()).isEmpty();
        assertThat(dataDir).as("the embedded database was never started").doesNotExist();
    }
}
