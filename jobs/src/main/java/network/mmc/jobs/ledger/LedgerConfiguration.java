package network.mmc.jobs.ledger;

import network.mmc.ledger.LedgerStore;
import network.mmc.ledger.RewardLedger;
import network.mmc.ledger.WithdrawalStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger domain over the database's stores. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    RewardLedger rewardLedger(LedgerStore ledger, WithdrawalStore withdrawals) {
        return new RewardLedger(ledger, withdrawals);
    }
}
