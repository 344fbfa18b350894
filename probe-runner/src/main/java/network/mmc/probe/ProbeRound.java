package network.mmc.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
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
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import network.mmc.gpu.FreivaldsVerifier;
import network.mmc.gpu.FreivaldsVerifier.Verdict;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulWireFormat;
import network.mmc.probe.AddressPolicy.RefusedAddressException;

/**
 * Probes targets with fresh, unpredictable challenges: at most {@code concurrency} probes in flight, each
 * given {@code timeout} from the address check to the verified answer. A target is only called at an
 * address the {@link AddressPolicy} allows (checked once, then connected to); one that is not allowed,
 * or whose endpoint is malformed, is FAILED with the reason and never called.
 */
public final class ProbeRound implements AutoCloseable {

    private static final int ERROR_BODY_SHOWN = 200;

    private final ProbeSettings settings;
    private final AddressPolicy addresses;
    private final ProbeHttp http;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService workers;

    public ProbeRound(ProbeSettings settings, AddressPolicy addresses, Clock clock) {
        this(settings, addresses, (SSLSocketFactory) SSLSocketFactory.getDefault(), clock);
    }

    ProbeRound(ProbeSettings settings, AddressPolicy addresses, SSLSocketFactory tls, Clock clock) {
        this.settings = settings;
        this.addresses = addresses;
        this.http = new ProbeHttp(tls);
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
        long started = System.nanoTime();
        long deadline = started + settings.timeout().toNanos();
        if (target.endpoint() == null) {
            return new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, 0, null, "the node registered no endpoint");
        }
        NodeEndpoint endpoint;
        InetAddress address;
        try {
            endpoint = NodeEndpoint.parse(target.endpoint());
            address = addresses.check(endpoint);
        } catch (IllegalArgumentException e) {
            return new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, 0, null,
                    "not probed: endpoint " + ProbeHttp.printable(e.getMessage()));
        } catch (RefusedAddressException e) {
            return new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, millisSince(started), null,
                    "not probed: " + e.getMessage());
        }
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        MatmulChallenge challenge = new MatmulChallenge(seed, settings.n(), settings.k());
        ProbeHttp.Answer answer;
        try {
            answer = http.post(endpoint, address, endpoint.path() + MatmulWireFormat.TASK_PATH,
                    MatmulWireFormat.form(challenge), deadline, Float.BYTES * challenge.n() * challenge.n(),
                    ERROR_BODY_SHOWN);
        } catch (SocketTimeoutException e) {
            return new ProbeOutcome(target, ProbeStatus.TIMEOUT, calledAt, millisSince(started), null,
                    "no answer within " + settings.timeout());
        } catch (IOException e) {
            return new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, millisSince(started), null,
                    describe(e, address, endpoint));
        }
        return judge(target, challenge, answer, calledAt, millisSince(started));
    }

    private ProbeOutcome judge(ProbeTarget target, MatmulChallenge challenge, ProbeHttp.Answer answer,
                               Instant calledAt, long latency) {
        if (answer.status() != 200) {
            // a redirect is an answer like any other: the probe goes to the registered endpoint only
            return new ProbeOutcome(target, ProbeStatus.FAILED, calledAt, latency, null, "HTTP " + answer.status()
                    + ": " + ProbeHttp.printable(new String(answer.body(), StandardCharsets.UTF_8)));
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

    private static String describe(IOException e, InetAddress address, NodeEndpoint endpoint) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : ProbeHttp.printable(e.getMessage());
        if (e instanceof ConnectException) {
            return "cannot connect to " + address.getHostAddress() + ":" + endpoint.port() + ": " + message;
        }
        if (e instanceof SSLException) {
            return "TLS with " + endpoint.hostName() + " failed: " + message;
        }
        return message;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
