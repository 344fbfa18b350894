package network.mmc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeClientTests {

    private final NodeClient client = new NodeClient(AddressPolicy.allowing(List.of("127.0.0.0/8")));
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @AfterEach
    void release() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void aNodeThatStopsReadingALargeBodyTimesOutAtTheDeadline() throws Exception {
        try (ServerSocket node = new ServerSocket(0)) {
            // accepts and then reads nothing: the socket buffers fill and the write blocks
            Thread acceptor = new Thread(() -> {
                try {
                    held.add(node.accept());
                } catch (IOException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            byte[] body = new byte[64 << 20];
            long deadline = System.nanoTime() + 1_000_000_000L;

            NodeClient.Reply reply = client.post("http://127.0.0.1:" + node.getLocalPort(), "/v1/tasks/gemm",
                    "application/octet-stream", body, deadline, 100, 100);
            long returnedAfterDeadlineMillis = (System.nanoTime() - deadline) / 1_000_000;

            // measured against the deadline, not a start time: on a loaded machine the call may begin late
            assertThat(reply.outcome()).isEqualTo(NodeClient.Outcome.TIMEOUT);
            assertThat(returnedAfterDeadlineMillis).isBetween(-100L, 2_000L);
        }
    }

    @Test
    void anEndpointOutsideTheAllowedNetworksIsNeverCalled() {
        NodeClient.Reply reply = new NodeClient(AddressPolicy.allowing(List.of())).post("http://127.0.0.1:9", "/v1/x",
                "application/octet-stream", new byte[1], System.nanoTime() + 1_000_000_000L, 100, 100);

        assertThat(reply.outcome()).isEqualTo(NodeClient.Outcome.REFUSED);
        assertThat(reply.detail()).isEqualTo("127.0.0.1 is a loopback address outside the allowed networks");
    }
}
