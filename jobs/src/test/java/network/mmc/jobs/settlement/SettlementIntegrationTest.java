package network.mmc.jobs.settlement;

import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.settlement.SettlementWindow;
import org.springframework.beans.factory.annotation.Autowired;

/** What every settlement integration test uses. */
abstract class SettlementIntegrationTest extends HubIntegrationTest {

    @Autowired
    SettlementExport export;

    SettlementWindow aWindowWithCalls() {
        return SettlementFixtures.aWindowWithCalls(jdbc, loader);
    }
}
