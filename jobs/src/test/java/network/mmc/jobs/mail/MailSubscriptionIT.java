package network.mmc.jobs.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.rewards.RewardsService;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestNode;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.p2p.solanaj.core.Account;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Owners' digest subscriptions against a real SMTP server: signed request, double opt-in, digest, unsubscribe. */
class MailSubscriptionIT extends HubIntegrationTest {

    static final String PUBLIC_URL = "https://hub.example.net";
    static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    @RegisterExtension
    static final SmtpServer SMTP = new SmtpServer();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        SMTP.configure(registry);
        registry.add("mmc.web.public-url", () -> PUBLIC_URL);
    }

    @Autowired
    OutboxSender sender;
    @Autowired
    RewardsService rewards;

    /** A wallet owner who signs subscription requests. */
    final class Owner {
        final Account account = new Account();
        final String wallet = account.getPublicKeyBase58();

        HubClient.Response subscribe(String email, String cadence, Instant signedAt) {
            String signature = Ed25519Signatures.sign(Arrays.copyOf(account.getSecretKey(), 32),
                    SubscriptionMessage.of(TestNode.HUB_ID, wallet, email, cadence, signedAt));
            return subscribe(email, cadence, signedAt, signature);
        }

        HubClient.Response subscribe(String email, String cadence, Instant signedAt, String signature) {
            return hub().post("/api/rewards/" + wallet + "/mail-subscriptions", Map.of("email", email,
                    "cadence", cadence, "signedAt", signedAt.toString(), "signature", signature));
        }

        /** A settled window whose nodes this owner owns. */
        SettlementRun settlesAWindow() {
            SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
            ownsTheNodesCalledIn(window);
            return settlement.settle(window);
        }

        /** Nodes with calls in {@code window}, owned by this owner. */
        void ownsTheNodesCalledIn(SettlementWindow window) {
            jdbc.update("UPDATE node SET owner_wallet = ? WHERE node_id IN (SELECT node_id FROM call_record"
                    + " WHERE recorded_at >= ? AND recorded_at < ?)", wallet, UtcTimestamps.of(window.start()),
                    UtcTimestamps.of(window.end()));
        }

        /** Subscribes {@code email} and opens the link of the confirmation mail, as the address's owner would. */
        void subscribesAndConfirms(String email, String cadence) throws Exception {
            assertThat(subscribe(email, cadence, Instant.now()).status()).isEqualTo(202);
            sender.sendDue();
            List<MimeMessage> confirmations = SMTP.to(email, "confirm your MMC reward digest");
            assertThat(confirmations).hasSize(1);
            String link = SmtpServer.part(confirmations.get(0), "text/plain");
            assertThat(link).contains(PUBLIC_URL + "/api/mail/confirm?token=");
            Matcher token = TOKEN.matcher(link);
            assertThat(token.find()).isTrue();
            assertThat(hub().get("/api/mail/confirm?token=" + token.group(1)).body().get("status").asText())
                    .isEqualTo("CONFIRMED");
        }
    }

    @Test
    void aConfirmedAddressGetsTheDigestWithOneClickUnsubscribeAndNothingAfterUnsubscribing() throws Exception {
        // given
        Owner owner = new Owner();
        String email = "owner-" + System.nanoTime() + "@example.net";
        owner.subscribesAndConfirms(email, "WINDOW");

        // when
        SettlementRun run = owner.settlesAWindow();
        sender.sendDue();

        // then
        List<MimeMessage> digests = digestsTo(email);
        assertThat(digests).hasSize(1);
        MimeMessage digest = digests.get(0);
        String unsubscribe = digest.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).startsWith("<" + PUBLIC_URL + "/api/mail/unsubscribe?token=").endsWith(">");
        assertThat(digest.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        long withdrawable = rewards.balance(owner.wallet).withdrawable();
        List<Map<String, Object>> nodes = jdbc.queryForList("SELECT node_id, calls, reward FROM node_settlement"
                + " WHERE run_id = ? AND owner_wallet = ?", run.id(), owner.wallet);
        assertThat(nodes).isNotEmpty();
        for (String part : List.of(SmtpServer.part(digest, "text/plain"), SmtpServer.part(digest, "text/html"))) {
            assertThat(part).contains(MmcText.format(withdrawable));
            for (Map<String, Object> node : nodes) {
                assertThat(part).contains((String) node.get("node_id"), node.get("calls").toString(),
                        MmcText.format(((Number) node.get("reward")).longValue()));
            }
        }

        // when a mail scanner opens the link, nothing changes; then the mail client unsubscribes with one click (RFC 8058)
        String path = unsubscribe.substring(1 + PUBLIC_URL.length(), unsubscribe.length() - 1);
        HubClient.Response opened = hub().get(path);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.text()).contains("<form method=\"post\" action=\"unsubscribe?token=");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mail_subscription WHERE email = ? AND status = 'CONFIRMED'",
                Long.class, email)).isOne();
        HttpResponse<String> oneClick = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        owner.settlesAWindow();
        sender.sendDue();

        // then
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.body()).contains("UNSUBSCRIBED");
        assertThat(digestsTo(email)).hasSize(1);
    }

    @Test
    void aDailyDigestIsSentOnceWhenEveryWindowOfTheUtcDayIsSettledWithTheFiguresOfTheWholeDay() throws Exception {
        // given: a day whose windows 00:00, 10:00 and 22:00 have calls to the owner's nodes
        Owner owner = new Owner();
        String email = "daily-" + System.nanoTime() + "@example.net";
        owner.subscribesAndConfirms(email, "DAILY");
        Instant day = Instant.parse("2026-05-20T00:00:00Z");
        List<SettlementWindow> windows = new ArrayList<>();
        for (SettlementWindow w = settlement.window(day); w.start().isBefore(day.plus(Duration.ofDays(1))); w = w.next()) {
            windows.add(w);
        }
        SettlementWindow tenOClock = windows.get(5);
        for (SettlementWindow called : List.of(windows.get(0), tenOClock, windows.get(11))) {
            SettlementFixtures.callsIn(called, jdbc, loader);
            owner.ownsTheNodesCalledIn(called);
        }

        // when every window but 10:00 is settled, the day's last one included
        for (SettlementWindow window : windows) {
            if (!window.equals(tenOClock)) {
                settlement.settle(window);
            }
        }
        sender.sendDue();

        // then
        assertThat(digestsTo(email)).as("a day with a window not settled yet").isEmpty();

        // when the 10:00 window is settled late, and then the day's last window re-run
        settlement.settle(tenOClock);
        sender.sendDue();
        settlement.rerun(windows.get(11), "test: the day's last window again", "carol");
        sender.sendDue();

        // then
        List<MimeMessage> digests = digestsTo(email);
        assertThat(digests).hasSize(1);
        List<Map<String, Object>> nodes = jdbc.queryForList("SELECT n.node_id, n.calls, n.reward FROM node_settlement n"
                + " JOIN settlement_run r ON r.id = n.run_id WHERE n.owner_wallet = ? AND r.revision = 1",
                owner.wallet);
        assertThat(nodes).hasSize(3 * 6);
        long dayRewards = nodes.stream().mapToLong(node -> ((Number) node.get("reward")).longValue()).sum();
        assertThat(digests.get(0).getSubject()).endsWith("your MMC rewards 2026-05-20T00:00:00Z to"
                + " 2026-05-21T00:00:00Z: " + MmcText.format(dayRewards) + " MMC");
        for (String part : List.of(SmtpServer.part(digests.get(0), "text/plain"),
                SmtpServer.part(digests.get(0), "text/html"))) {
            assertThat(part).contains(MmcText.format(dayRewards), TimeText.format(windows.get(0).start()),
                    TimeText.format(tenOClock.start()), TimeText.format(windows.get(11).start()));
            for (Map<String, Object> node : nodes) {
                assertThat(part).contains((String) node.get("node_id"), MmcText.format(((Number) node.get("reward"))
                        .longValue()));
            }
        }
    }

    @Test
    void anUnconfirmedAddressGetsNoDigest() throws Exception {
        // given
        Owner owner = new Owner();
        String email = "unconfirmed-" + System.nanoTime() + "@example.net";
        assertThat(owner.subscribe(email, "WINDOW", Instant.now()).status()).isEqualTo(202);

        // when
        owner.settlesAWindow();
        sender.sendDue();

        // then
        assertThat(SMTP.to(email, "confirm your MMC reward digest")).hasSize(1);
        assertThat(digestsTo(email)).isEmpty();
    }

    @Test
    void aRequestWithABadSignatureOrReplayedIsRefused() {
        // given
        Owner owner = new Owner();
        Owner other = new Owner();
        String email = "signed-" + System.nanoTime() + "@example.net";
        Instant signedAt = Instant.now();
        String othersSignature = Ed25519Signatures.sign(Arrays.copyOf(other.account.getSecretKey(), 32),
                SubscriptionMessage.of(TestNode.HUB_ID, owner.wallet, email, "WINDOW", signedAt));

        // when
        HubClient.Response forged = owner.subscribe(email, "WINDOW", signedAt, othersSignature);
        HubClient.Response stale = owner.subscribe(email, "WINDOW", signedAt.minusSeconds(3_600));
        HubClient.Response accepted = owner.subscribe(email, "WINDOW", signedAt);
        HubClient.Response replayed = owner.subscribe(email, "WINDOW", signedAt);
        HubClient.Response badAddress = owner.subscribe("not an address", "WINDOW", signedAt.plusSeconds(1));

        // then
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body().get("detail").asText()).contains("signature does not verify");
        assertThat(stale.status()).isEqualTo(400);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.body().get("detail").asText()).contains("not after the last one accepted");
        assertThat(badAddress.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mail_subscription WHERE wallet = ?", Integer.class,
                owner.wallet)).isEqualTo(1);
    }

    @Test
    void theSubscriptionEndpointsAreDescribedWithTheAnswersTheTestsAboveSee() {
        JsonNode paths = hub().get("/v3/api-docs").body().get("paths");

        JsonNode subscribe = paths.get("/api/rewards/{wallet}/mail-subscriptions").get("post");
        assertThat(subscribe.get("responses").propertyNames()).contains("202", "400", "409");
        assertThat(subscribe.has("security")).isFalse();
        assertThat(paths.get("/api/mail/confirm").get("get").get("responses").propertyNames()).contains("200", "400", "404");
        assertThat(paths.get("/api/mail/unsubscribe").get("get").get("responses").get("200").get("content").propertyNames())
                .containsExactly("text/html");
        assertThat(paths.get("/api/mail/unsubscribe").get("post").get("responses").propertyNames()).contains("200", "404");
    }

    private static List<MimeMessage> digestsTo(String email) {
        return SMTP.to(email, "your MMC rewards");
    }
}
