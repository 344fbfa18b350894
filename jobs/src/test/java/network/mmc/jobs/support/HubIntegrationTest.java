package network.mmc.jobs.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the integration tests: the whole Hub on a random port over the test database. Probes may call loopback,
 * where the tests' node agents listen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mmc.probe.allowed-networks=127.0.0.0/8")
public abstract class HubIntegrationTest {

    static {
        TestDatabase.get();
    }

    @LocalServerPort
    protected int port;

    protected HubClient hub() {
        return new HubClient(port);
    }
}
