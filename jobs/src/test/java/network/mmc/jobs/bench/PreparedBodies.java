package network.mmc.jobs.bench;

import java.util.stream.IntStream;
import network.mmc.jobs.support.GeneratedCalls;
import network.mmc.jobs.support.IngestLoad;

/**
 * The JSON bodies of each client's first batches, written before the clock starts: in bench/ingest-rest the clients
 * share the Hub's JVM and cores, where real clients run on machines of their own, so the CPU they spend writing JSON
 * would be taken from the Hub. Later batches are written on the fly. Each client reads only its own bodies, and lets
 * go of each once it has it.
 */
final class PreparedBodies implements IngestLoad.Batches {

    private final GeneratedCalls calls;
    private final String[][] bodies;

    PreparedBodies(GeneratedCalls calls, int clients, int batchesPerClient) {
        this.calls = calls;
        this.bodies = IntStream.range(0, clients).parallel()
                .mapToObj(client -> IntStream.range(0, batchesPerClient).mapToObj(batch -> calls.body(client, batch))
                        .toArray(String[]::new))
                .toArray(String[][]::new);
    }

    @Override
    public String body(int client, long batch) {
        String[] prepared = bodies[client];
        if (batch >= prepared.length) {
            return calls.body(client, batch);
        }
        String body = prepared[(int) batch];
        prepared[(int) batch] = null;
        return body;
    }
}
