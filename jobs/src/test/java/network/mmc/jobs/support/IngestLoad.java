package network.mmc.jobs.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients that post batches of call records to {@code POST /api/calls} as fast as they can until a deadline, each on
 * its own connection. A refused batch (429) is sent again, unchanged, after its {@code Retry-After}; a client stops
 * after the deadline once its batch in hand is acknowledged, so every batch sent is acknowledged in the end (or
 * counted under its other status, or under status 0 when its connection failed without an answer: the Hub was
 * killed).
 */
public final class IngestLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLIENT_THREAD = "ingest-load-client-";
    // the JDK client's selector and worker threads
    private static final String HTTP_CLIENT_THREAD = "HttpClient-";

    /** The JSON body of batch {@code batch} of client {@code client}: its event ids must differ from every other's. */
    @FunctionalInterface
    public interface Batches {
        String body(int client, long batch);
    }

    /**
     * @param batches     acknowledged batches (answer 200)
     * @param perClient   of them, client i's: its batches 0 to perClient[i] - 1
     * @param received    records the acknowledged batches held, as the Hub counted them
     * @param stored      of them, stored
     * @param duplicates  of them, duplicates
     * @param rejected    of them, rejected
     * @param refusals    answers 429, each with a whole number of seconds in Retry-After
     * @param otherStatus answers other than 200 and 429, by status (a 429 without Retry-After counts as -429, a
     *                    connection that failed without an answer as 0)
     * @param seconds     from the first request to the last answer
     * @param clientCpu   CPU seconds the clients' own threads and their HTTP clients' threads used: in a benchmark
     *                    they run in the Hub's JVM, on its cores
     */
    public record Outcome(long batches, List<Long> perClient, long received, long stored, long duplicates,
                          long rejected, long refusals, Map<Integer, Long> otherStatus, double seconds,
                          double clientCpu) {

        public double storedPerSecond() {
            return stored / seconds;
        }
    }

    private final int port;
    private final String apiKey;
    private final Batches source;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final Map<Integer, Long> otherStatus = new ConcurrentHashMap<>();

    public IngestLoad(int port, String apiKey, Batches source) {
        this.port = port;
        this.apiKey = apiKey;
        this.source = source;
    }

    public Outcome run(int clients, Duration duration) throws Exception {
        ThreadCpu cpuBefore = ThreadCpu.of(CLIENT_THREAD, HTTP_CLIENT_THREAD);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients,
                task -> new Thread(task, CLIENT_THREAD + threads.incrementAndGet()));
        List<Long> perClient = new ArrayList<>();
        double clientCpu;
        try {
            List<Future<Long>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                running.add(pool.submit(() -> post(client, deadline)));
            }
            for (Future<Long> client : running) {
                perClient.add(client.get());
            }
            // read while the pool's threads are still alive
            clientCpu = cpuBefore.now().secondsSince(cpuBefore);
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(batches.get(), List.copyOf(perClient), received.get(), stored.get(), duplicates.get(),
                rejected.get(), refusals.get(), Map.copyOf(otherStatus), (System.nanoTime() - start) / 1e9, clientCpu);
    }

    /** @return how many batches this client had acknowledged */
    private long post(int client, long deadline) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long batch = 0;
        for (; System.nanoTime() < deadline; batch++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/calls"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(source.body(client, batch))).build();
            while (true) {
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    otherStatus.merge(0, 1L, Long::sum);
                    return batch;
                }
                if (response.statusCode() == 429) {
                    long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(-1L);
                    if (seconds < 0) {
                        otherStatus.merge(-429, 1L, Long::sum);
                        return batch;
                    }
                    refusals.incrementAndGet();
                    Thread.sleep(seconds * 1000);
                    continue;
                }
                if (response.statusCode() != 200) {
                    otherStatus.merge(response.statusCode(), 1L, Long::sum);
                    return batch;
                }
                JsonNode answer = JSON.readTree(response.body());
                batches.incrementAndGet();
                received.addAndGet(answer.get("received").asLong());
                stored.addAndGet(answer.get("stored").asLong());
                duplicates.addAndGet(answer.get("duplicates").asLong());
                rejected.addAndGet(answer.get("rejected").size());
                break;
            }
        }
        return batch;
    }
}
