package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import network.mmc.settlement.TimeText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** What the commands take before they touch the database: times and amounts. */
class CommandLineInputTests {

    private static final Instant TWO_AM = Instant.parse("2026-11-25T02:00:00Z");
    private static final String VECTOR_A = "src/test/resources/vector-a/";
    private static final InProcessCommands COMMANDS = new InProcessCommands();

    @AfterAll
    static void closeCommands() {
        COMMANDS.close();
    }

    /** Each time a command takes, with T where the time goes, and how picocli names it. */
    static Stream<Arguments> timeOptions() {
        return Stream.of(
                Arguments.of(List.of("runs", "list", "--from", "T"), "option '--from'"),
                Arguments.of(List.of("runs", "list", "--to", "T"), "option '--to'"),
                Arguments.of(List.of("settle", "--window", "T"), "option '--window'"),
                Arguments.of(List.of("runs", "show", "T"), "positional parameter at index 0 (WINDOW)"),
                Arguments.of(List.of("runs", "export", "T"), "positional parameter at index 0 (WINDOW)"),
                Arguments.of(List.of("audit", "--nodes", "n", "--calls", "c", "--out", "o", "--window", "T"),
                        "option '--window'"));
    }

    @ParameterizedTest
    @MethodSource("timeOptions")
    void everyTimeOptionTakesTheSameForms(List<String> arguments, String name) {
        for (String form : List.of("2026-11-25T02:00Z", "2026-11-25T02:00:00Z", "2026-11-25T02:00:00.000Z",
                "2026-11-25T03:00+01:00")) {
            assertThat(parsedTime(arguments, form)).as(form).isEqualTo(TWO_AM);
        }
    }

    @ParameterizedTest
    @MethodSource("timeOptions")
    void aBadTimeIsRefusedInOneLineNamingTheOptionAndTheAcceptedForms(List<String> arguments, String name) {
        InProcessCommands.Output refused = COMMANDS.run(arguments.stream().map(a -> a.equals("T") ? "02:00Z" : a)
                .toArray(String[]::new));

        assertThat(refused.exitCode()).isEqualTo(HubCommandLine.USAGE);
        assertThat(refused.err()).isEqualTo("mmc-hub: Invalid value for " + name + ": '02:00Z' is not "
                + TimeText.ACCEPTED + " (see --help)" + System.lineSeparator());
    }

    @Test
    void stakeSetRefusesANegativeAmountBeforeItStartsTheHub() {
        InProcessCommands.Output refused = COMMANDS.run("stake", "set", "11111111111111111111111111111111", "-5", "--operator", "ops",
                "--reason", "typo");

        assertThat(refused.exitCode()).isEqualTo(HubCommandLine.USAGE);
        assertThat(refused.err()).isEqualTo("mmc-hub: AMOUNT '-5' is negative" + System.lineSeparator());
    }

    @Test
    void auditTakesThePoolInMmcOrInBaseUnitsWhenAskedAndShowsMmc(@TempDir Path dir) throws Exception {
        InProcessCommands.Output inMmc = audit(dir.resolve("mmc.json"), "--pool", "1.5");
        InProcessCommands.Output inBaseUnits = audit(dir.resolve("units.json"), "--pool", "1500000000", "--base-units");

        assertThat(inMmc.exitCode()).as(inMmc.err()).isZero();
        assertThat(inMmc.out()).startsWith("pool 1.500000000 MMC, allocated ");
        assertThat(Files.readString(dir.resolve("mmc.json"))).contains("\"pool\" : 1500000000,");
        assertThat(Files.readString(dir.resolve("units.json"))).isEqualTo(Files.readString(dir.resolve("mmc.json")));
        assertThat(inBaseUnits.out()).isEqualTo(inMmc.out().replace(dir.resolve("mmc.json").toString(),
                dir.resolve("units.json").toString()));
    }

    private static InProcessCommands.Output audit(Path out, String... pool) {
        return COMMANDS.run(Stream.concat(Stream.of("audit", "--nodes", VECTOR_A + "nodes.csv", "--calls",
                VECTOR_A + "calls.csv", "--out", out.toString()), Stream.of(pool)).toArray(String[]::new));
    }

    private static Instant parsedTime(List<String> arguments, String form) {
        CommandLine cli = HubCommandLine.commandLine(null);
        ParseResult parsed = cli.parseArgs(arguments.stream().map(a -> a.equals("T") ? form : a).toArray(String[]::new));
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        int at = arguments.indexOf("T");
        String option = arguments.get(at - 1);
        return option.startsWith("--") ? parsed.matchedOptionValue(option, null) : parsed.matchedPositionalValue(0, null);
    }
}
