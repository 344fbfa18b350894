package network.mmc.probe;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;
import network.mmc.gpu.FreivaldsVerifier;
import network.mmc.gpu.FreivaldsVerifier.Verdict;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulWireFormat;

/**
 * Probes targets with fresh, unpredictable challenges: at most {@code concurrency} probes in flight, each
 * given {@code timeout} from the address check to the verified answer. A target is only called at an
 * address the {@link AddressPolicy} allows (checked once, then connected to); one that is not allowed,
 * or whose endpoint is malformed, is FAILED with the reason and never called.
 */
public final class ProbeRound implements AutoCloseable {

    private static final int ERROR_BODY_SHOWN = 200;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final ProbeSettings settings;
    private final NodeClient client;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Supplier<byte[]> seeds;
    private final ExecutorService workers;

    public ProbeRound(ProbeSettings settings, AddressPolicy addresses, Clock clock) {
        this(settings, addresses, (SSLSocketFactory) SSLSocketFactory.getDefault(), clock);
    }

    ProbeRound(ProbeSettings settings, AddressPolicy addresses, SSLSocketFactory tls, Clock clock) {
        this(settings, addresses, tls, clock, secureSeeds());
    }

    /**
     * {@code seeds} draws each challenge's seed (production: {@link #secureSeeds()}); bench/probe repeats a few seeds
     * so that its simulated nodes can answer from a cache while the Hub still generates and verifies every challenge.
     */
    ProbeRound(ProbeSettings settings, AddressPolicy addresses, SSLSocketFactory tls, Clock clock,
               Supplier<byte[]> seeds) {
        this.settings = settings;
        this.seeds = seeds;
        this.client = new NodeClient(addresses, tls);
        this.clock = clock;
        // one thread per probe in flight: each waits on its node, then verifies the answer it got
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), task -> {
            Thread thread = new Thread(task, "probe-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One outcome per target, in the targets' order. */
    public List<ProbeOutcome> probe(List<ProbeTarget> targets) {
        List<Future<ProbeOutcome>> outcomes = new ArrayList<>(targets.size());
        for (ProbeTarget target : targets) {
            outcomes.add(workers.submit(() -> probe(target)));
        }
        List<ProbeOutcome> results = new ArrayList<>(targets.size());
        for (Future<ProbeOutcome> outcome : outcomes) {
            try {
                results.add(outcome.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while probing", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a probe failed unexpectedly: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return results;
    }

    private ProbeOutcome probe(ProbeTarget target) {
        Instant calledAt = clock.instant();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        if (target.endpoint() == null) {
            return new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, 0, null, "the node registered no endpoint");
        }
        MatmulChallenge challenge = new MatmulChallenge(seeds.get(), settings.n(), settings.k());
        NodeClient.Reply reply = client.post(target.endpoint(), MatmulWireFormat.TASK_PATH, FORM,
                MatmulWireFormat.form(challenge).getBytes(StandardCharsets.UTF_8), deadline,
                Float.BYTES * challenge.n() * challenge.n(), ERROR_BODY_SHOWN);
        return switch (reply.outcome()) {
            case REFUSED -> new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, reply.latencyMillis(), null,
                    "not probed: " + reply.detail());
            case TIMEOUT -> new ProbeOutcome(target, ProbeStatus.TIMEOUT, calledAt, reply.latencyMillis(), null,
                    "no answer within " + settings.timeout());
            case FAILED -> new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, reply.latencyMillis(), null,
                    reply.detail());
            case ANSWERED -> judge(target, challenge, reply, calledAt);
        };
    }

    private ProbeOutcome judge(ProbeTarget target, MatmulChallenge challenge, NodeClient.Reply answer, Instant calledAt) {
        long latency = answer.latencyMillis();
        if (answer.status() != 200) {
            // a redirect is an answer like any other: the probe goes to the registered endpoint only
            return new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, latency, null, "HTTP " + answer.status()
                    + ": " + answer.printableBody());
        }
        Double gflops = gflops(answer.headers().get(MatmulWireFormat.GFLOPS_HEADER.toLowerCase(Locale.ROOT)));
        long expected = (long) Float.BYTES * challenge.n() * challenge.n();
        float[] c = answer.longer() ? null : MatmulWireFormat.decode(answer.body(), challenge.n());
        if (c == null) {
            return new ProbeOutcome(target, ProbeStatus.WRONG_RESULT, calledAt, latency, gflops, "answer has "
                    + (answer.longer() ? "more than " + expected : answer.body().length) + " bytes, expected " + expected);
        }
        // a fast generator seeded from the secure one: unpredictable to the node, cheap per entry
        Verdict verdict = new FreivaldsVerifier(new SplittableRandom(random.nextLong()), settings.verifierRounds())
                .verify(challenge.matrices(), c);
        return verdict == Verdict.SUCCESS
                ? new ProbeOutcome(target, ProbeStatus.SUCCESS, calledAt, latency, gflops, null)
                : new ProbeOutcome(target, ProbeStatus.WRONG_RESULT, calledAt, latency, gflops, "C != A·B (Freivalds)");
    }

    /** 32 bytes from a {@link SecureRandom} per challenge: no node can predict its task. */
    private static Supplier<byte[]> secureSeeds() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            return seed;
        };
    }

    /** The node's own GFLOPS figure, kept only when it is a finite, non-negative number (the column takes no NaN). */
    private static Double gflops(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) && value >= 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
