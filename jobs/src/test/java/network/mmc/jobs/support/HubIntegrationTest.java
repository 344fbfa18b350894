package network.mmc.jobs.support;

import network.mmc.jobs.calls.CallRecordLoader;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the integration tests: the whole Hub on a random port over the test database, with the beans most tests
 * use to arrange records and settle them. Probes may call loopback,
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

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected CallRecordLoader loader;

    @Autowired
    protected SettlementService settlement;

    @Autowired
    protected SettlementRuns runs;

    protected HubClient hub() {
        return new HubClient(port);
    }
}
