package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code apiuser} and {@code credits}: accounts, their keys and their credits, read through picocli's writers. */
class ApiUserCommandsIT extends HubIntegrationTest {

    private static final Pattern KEY = Pattern.compile("mmc_[0-9a-f]{64}");
    private static final InProcessCommands COMMANDS = new InProcessCommands();

    @AfterAll
    static void closeCommands() {
        COMMANDS.close();
    }

    @Test
    void apiuserCreatePrintsItsFirstKeyOnceAndTheKeyActsForThatUser() {
        String name = "cli-user-" + System.nanoTime();
        String wallet = TestNode.aWallet();

        InProcessCommands.Output created = COMMANDS.run("apiuser", "create", name, "--wallet", wallet);

        assertThat(created.exitCode()).as(created.err()).isZero();
        String key = created.out().strip();
        assertThat(key).matches(KEY);
        assertThat(created.err()).contains("role API_USER) of API user '" + name + "': this is the only time the key is"
                + " shown").contains("API user '" + name + "' created with wallet " + wallet + " and 0 credits")
                .doesNotContain(key);
        assertThat(hub().withKey(key).get("/api/credits").body().get("credits").get("user").asString()).isEqualTo(name);
        assertThat(hub().withKey(key).get("/api/schedule").status()).as("an API_USER key is no OPS key").isEqualTo(403);
        InProcessCommands.Output second = COMMANDS.run("apiuser", "key", name);
        assertThat(second.exitCode()).isZero();
        assertThat(second.out().strip()).matches(KEY).isNotEqualTo(key);
        assertThat(COMMANDS.run("apikey", "list").out()).containsPattern("(?m) API_USER .* " + Pattern.quote(name) + "$");
        assertThat(COMMANDS.run("apiuser", "list").out()).containsPattern("(?m)^" + Pattern.quote(name) + " +" + wallet
                + " +0 ");
    }

    @Test
    void badNamesWalletsAndDuplicatesAreRefusedInOneLineWithExitCode2() {
        String name = "cli-dup-" + System.nanoTime();
        assertThat(COMMANDS.run("apiuser", "create", name, "--wallet", TestNode.aWallet()).exitCode()).isZero();

        assertRefused(COMMANDS.run("apiuser", "create", name, "--wallet", TestNode.aWallet()),
                "API user '" + name + "' already exists");
        assertRefused(COMMANDS.run("apiuser", "create", "no spaces", "--wallet", TestNode.aWallet()),
                "API user name 'no spaces' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        assertRefused(COMMANDS.run("apiuser", "create", "x" + System.nanoTime(), "--wallet", "0OIl"),
                "wallet '0OIl' is not base58");
        assertRefused(COMMANDS.run("apiuser", "create", "x" + System.nanoTime(), "--wallet", "abc"),
                "wallet 'abc' decodes to 3 bytes, a Solana address has 32");
        assertRefused(COMMANDS.run("apikey", "create", "--role", "API_USER"),
                "an API_USER key belongs to an API user: create the user with `apiuser create NAME --wallet WALLET`");
        assertRefused(COMMANDS.run("apiuser", "key", "nobody-" + System.nanoTime()), "does not exist");
    }

    @Test
    void creditsGrantAddsToTheBalanceAndShowListsTheLedger() {
        String name = "cli-credits-" + System.nanoTime();
        COMMANDS.run("apiuser", "create", name, "--wallet", TestNode.aWallet());

        InProcessCommands.Output granted = COMMANDS.run("credits", "grant", name, "5000", "--reason", "trial month");
        InProcessCommands.Output more = COMMANDS.run("credits", "grant", name, "250", "--reason", "support ticket 7");
        InProcessCommands.Output shown = COMMANDS.run("credits", "show", name);

        assertThat(granted.exitCode()).as(granted.err()).isZero();
        assertThat(granted.out()).startsWith("granted 5000 credits to " + name + "\n")
                .contains("available 5000 credits (granted 5000, held for running tasks 0, spent 0)");
        assertThat(more.out()).contains("available 5250 credits (granted 5250, held for running tasks 0, spent 0)");
        assertThat(shown.out()).contains("API user " + name + ", wallet ")
                .containsPattern("(?m)^\\S+Z +GRANT +\\+250 +support ticket 7 \\(by cli:\\S+\\)$")
                .containsPattern("(?m)^\\S+Z +GRANT +\\+5000 +trial month \\(by cli:\\S+\\)$");
        assertThat(shown.out().indexOf("+250")).as("newest first").isLessThan(shown.out().indexOf("+5000"));
        assertRefused(COMMANDS.run("credits", "grant", name, "0", "--reason", "nothing"),
                "amount 0 must be a whole number of credits from 1 to 1000000000000");
        assertRefused(COMMANDS.run("credits", "grant", name, "10", "--reason", "two\nlines"),
                "reason contains control characters");
        assertThat(COMMANDS.run("credits", "grant", name, "ten", "--reason", "x").exitCode()).isEqualTo(2);
        assertThat(hub().withKey(COMMANDS.run("apiuser", "key", name).out().strip()).get("/api/credits").body()
                .get("credits").get("balance").asLong()).isEqualTo(5250);
        assertThat(Map.of("balance", jdbc.queryForObject("SELECT balance FROM api_user WHERE name = ?", Long.class, name),
                "sum", jdbc.queryForObject("SELECT SUM(e.amount) FROM credit_entry e JOIN api_user u ON u.id = e.api_user_id"
                        + " WHERE u.name = ?", Long.class, name))).containsOnly(Map.entry("balance", 5250L),
                Map.entry("sum", 5250L));
    }

    private static void assertRefused(InProcessCommands.Output output, String message) {
        assertThat(output.exitCode()).as(output.err()).isEqualTo(2);
        assertThat(output.out()).isEmpty();
        assertThat(output.err()).contains(message).doesNotContain("Exception").hasLineCount(1);
    }
}
