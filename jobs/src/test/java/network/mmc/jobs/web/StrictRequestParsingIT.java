package network.mmc.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RawHttp;
import network.mmc.jobs.support.TestNode;
import network.mmc.ledger.WithdrawalMessage;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.Account;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Request bodies and parameters are read as written: no coercion, no truncation, no unknown fields. Each refusal
 * is a 400 naming the field, and nothing is stored. The withdrawal bodies carry a valid signature of the value
 * a lenient reader would make of them, so only strict parsing refuses them.
 */
class StrictRequestParsingIT extends HubIntegrationTest {

    @Test
    void aFractionalAmountIsRefusedNotTruncated() {
        Owner owner = anOwnerWithRewards();

        HubClient.Response response = owner.withdraw(Map.of("amount", 1.5, "nonce", 1, "signature", owner.sign(1, 1)));

        assertRefused(response, "field 'amount' must be a whole number from -9223372036854775808 to 9223372036854775807");
        assertThat(owner.withdrawals()).isZero();
    }

    @Test
    void aNumberWrittenAsAStringIsRefused() {
        Owner owner = anOwnerWithRewards();

        HubClient.Response response = owner.withdraw(Map.of("amount", "7", "nonce", 1, "signature", owner.sign(7, 1)));

        assertRefused(response, "field 'amount' must be a whole number from -9223372036854775808 to 9223372036854775807");
        assertThat(owner.withdrawals()).isZero();
    }

    @Test
    void anUnknownFieldIsRefused() {
        Owner owner = anOwnerWithRewards();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("amount", 7, "nonce", 1, "signature", owner.sign(7, 1)));
        body.put("fee", 0);

        HubClient.Response response = owner.withdraw(body);

        assertRefused(response, "unknown field 'fee'; the fields are [amount, nonce, signature]");
        assertThat(owner.withdrawals()).isZero();
    }

    @Test
    void aNumberOutOfRangeIsRefusedNamingTheRange() {
        Owner owner = anOwnerWithRewards();

        HubClient.Response response = owner.withdraw(Map.of("amount", new BigInteger("99999999999999999999"),
                "nonce", 1, "signature", owner.sign(7, 1)));

        assertRefused(response, "field 'amount' is out of range: it must be a whole number from -9223372036854775808"
                + " to 9223372036854775807");
        assertThat(owner.withdrawals()).isZero();
    }

    @Test
    void enumsAndTimesAreTakenOnlyFromTheirText() {
        long nodes = jdbc.queryForObject("SELECT COUNT(*) FROM node", Long.class);
        Map<String, Object> byIndex = new LinkedHashMap<>(TestNode.aNode().registerRequest(NodeKind.COMPUTING, null));
        byIndex.put("kind", 0);
        Map<String, Object> byEpoch = new LinkedHashMap<>(TestNode.aNode().registerRequest(NodeKind.COMPUTING, null));
        byEpoch.put("signedAt", Instant.now().getEpochSecond());

        assertRefused(hub().post("/api/nodes", byIndex), "field 'kind' must be one of [COMPUTING, VALIDATOR, ROUTER]");
        assertRefused(hub().post("/api/nodes", byEpoch), "field 'signedAt' must be an ISO-8601 time such as 2026-11-25T10:00:00Z");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node", Long.class)).isEqualTo(nodes);
    }

    @Test
    void malformedJsonIsNamedByLineAndColumnOrByTheRepeatedField() {
        RawHttp http = new RawHttp(port);

        RawHttp.Response truncated = http.withBody("POST", "/api/nodes", "{\n  \"publicKey\": \"x\",\n  \"kind\":", "");
        RawHttp.Response trailing = http.withBody("POST", "/api/nodes", "{\"publicKey\": \"x\"} {}", "");
        RawHttp.Response repeated = http.withBody("POST", "/api/nodes", "{\"kind\": \"ROUTER\", \"kind\": \"COMPUTING\"}", "");

        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("detail").asString()).isEqualTo("malformed JSON at line 3, column 10");
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(trailing.json().get("detail").asString())
                .isEqualTo("malformed JSON at line 1, column 20: more after the end of the JSON value");
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.json().get("detail").asString()).isEqualTo("field 'kind' appears twice");
    }

    @Test
    void queryParametersOfTheWrongTypeAreRefusedNamingTheParameter() {
        HubClient.Response response = hub().get("/api/rewards/" + TestNode.aWallet() + "?page=first");

        assertRefused(response, "parameter 'page' must be a whole number from -2147483648 to 2147483647, got 'first'");
    }

    private static void assertRefused(HubClient.Response response, String detail) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).as(response.text()).isNotNull();
        assertThat(response.body().get("detail").asString()).isEqualTo(detail);
    }

    /** A wallet with a settled balance: one ACCRUAL from a settlement run of a past window. */
    private Owner anOwnerWithRewards() {
        Owner owner = new Owner(new Account());
        Timestamp window = Timestamp.valueOf("2020-01-01 02:00:00");
        int revision = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        jdbc.update("INSERT INTO settlement_run (window_start, window_end, revision, status, pool, allocated, unallocated,"
                + " input_sha256, node_count, call_count, job_execution_id, completed_at) VALUES (?, ?, ?, 'COMPLETED',"
                + " 1000, 1000, 0, REPEAT('0', 64), 1, 1, 0, ?)", window, window, revision, Timestamp.from(Instant.now()));
        Long run = jdbc.queryForObject("SELECT id FROM settlement_run WHERE window_start = ? AND revision = ?", Long.class,
                window, revision);
        jdbc.update("INSERT INTO ledger_entry (wallet, run_id, window_start, revision, entry_type, amount, created_at)"
                + " VALUES (?, ?, ?, ?, 'ACCRUAL', 1000, ?)", owner.wallet, run, window, revision,
                Timestamp.from(Instant.now()));
        return owner;
    }

    private final class Owner {
        final Account account;
        final String wallet;

        Owner(Account account) {
            this.account = account;
            this.wallet = account.getPublicKeyBase58();
        }

        String sign(long amount, long nonce) {
            return Ed25519Signatures.sign(Arrays.copyOf(account.getSecretKey(), 32),
                    WithdrawalMessage.of(TestNode.HUB_ID, wallet, amount, nonce));
        }

        HubClient.Response withdraw(Map<String, Object> body) {
            return hub().post("/api/rewards/" + wallet + "/withdrawals", body);
        }

        long withdrawals() {
            return jdbc.queryForObject("SELECT COUNT(*) FROM withdrawal_request WHERE wallet = ?", Long.class, wallet);
        }
    }
}
