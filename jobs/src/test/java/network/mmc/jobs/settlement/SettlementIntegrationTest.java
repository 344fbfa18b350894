package network.mmc.jobs.settlement;

import network.mmc.jobs.calls.CallRecordLoader;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.settlement.SettlementWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What every settlement integration test uses. */
abstract class SettlementIntegrationTest extends HubIntegrationTest {

    @Autowired
    SettlementService settlement;

    @Autowired
    SettlementRuns runs;

    @Autowired
    SettlementExport export;

    @Autowired
    CallRecordLoader loader;

    @Autowired
    JdbcTemplate jdbc;

    SettlementWindow aWindowWithCalls() {
        return SettlementFixtures.aWindowWithCalls(jdbc, loader);
    }
}
