package network.mmc.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import network.mmc.gpu.FreivaldsVerifier;
import network.mmc.gpu.FreivaldsVerifier.Verdict;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulWireFormat;

/**
 * Probes targets with fresh, unpredictable challenges: at most {@code concurrency} requests in flight,
 * each given {@code timeout}, each answer verified (Freivalds) on a pool of verifier threads so that
 * verification never holds up the HTTP client.
 */
public final class ProbeRound implements AutoCloseable {

    private final ProbeSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http;
    private final ExecutorService verifiers;

    public ProbeRound(ProbeSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.verifiers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "probe-worker");
            thread.setDaemon(true);
            return thread;
        });
        // the client's own default is an unbounded pool: with hundreds of probes in flight its thread
        // hand-offs cost more CPU than the probes; the bounded pool keeps one thread per core busy instead
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .executor(verifiers).build();
    }

    /** One outcome per target, in the targets' order. */
    public List<ProbeOutcome> probe(List<ProbeTarget> targets) {
        Semaphore inFlight = new Semaphore(settings.concurrency());
        List<CompletableFuture<ProbeOutcome>> outcomes = new ArrayList<>(targets.size());
        for (ProbeTarget target : targets) {
            inFlight.acquireUninterruptibly();
            outcomes.add(probe(target).whenComplete((outcome, error) -> inFlight.release()));
        }
        return outcomes.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<ProbeOutcome> probe(ProbeTarget target) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        MatmulChallenge challenge = new MatmulChallenge(seed, settings.n(), settings.k());
        Instant calledAt = clock.instant();
        long started = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(target.endpoint() + MatmulWireFormat.TASK_PATH))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(MatmulWireFormat.form(challenge)))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, 0, null,
                    "endpoint '" + target.endpoint() + "' is not a valid URL"));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handleAsync((response, error) -> {
                    long latency = (System.nanoTime() - started) / 1_000_000;
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        ProbeStatus status = cause instanceof HttpTimeoutException ? ProbeStatus.TIMEOUT : ProbeStatus.FAILED;
                        return new ProbeOutcome(target, status, calledAt, latency, null, describe(cause));
                    }
                    return judge(target, challenge, response, calledAt, latency);
                }, verifiers);
    }

    private ProbeOutcome judge(ProbeTarget target, MatmulChallenge challenge, HttpResponse<byte[]> response,
                               Instant calledAt, long latency) {
        if (response.statusCode() != 200) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, latency, null,
                    "HTTP " + response.statusCode() + ": " + body.substring(0, Math.min(200, body.length())));
        }
        Double gflops = response.headers().firstValue(MatmulWireFormat.GFLOPS_HEADER).map(ProbeRound::parseOrNull).orElse(null);
        float[] c = MatmulWireFormat.decode(response.body(), challenge.n());
        if (c == null) {
            return new ProbeOutcome(target, ProbeStatus.WRONG_RESULT, calledAt, latency, gflops,
                    "answer has " + response.body().length + " bytes, expected " + 4L * challenge.n() * challenge.n());
        }
        // a fast generator seeded from the secure one: unpredictable to the node, cheap per entry
        Verdict verdict = new FreivaldsVerifier(new SplittableRandom(random.nextLong()), settings.verifierRounds()).verify(challenge.matrices(), c);
        return verdict == Verdict.SUCCESS
                ? new ProbeOutcome(target, ProbeStatus.SUCCESS, calledAt, latency, gflops, null)
                : new ProbeOutcome(target, ProbeStatus.WRONG_RESULT, calledAt, latency, gflops, "C != A·B (Freivalds)");
    }

    private static Double parseOrNull(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        verifiers.shutdownNow();
    }
}
