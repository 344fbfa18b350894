package network.mmc.jobs.ledger;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.function.Supplier;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.ledger.WithdrawalStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link WithdrawalStore} on {@code withdrawal_request} and {@code reward_wallet}: the wallet's lock is its
 * {@code reward_wallet} row, taken with a locking read in a READ COMMITTED transaction, so that reads after it see
 * what the previous holder committed (under REPEATABLE READ they would see the snapshot of the first read).
 */
@Repository
public class JdbcWithdrawalStore implements WithdrawalStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate lockedWallet;

    JdbcWithdrawalStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.lockedWallet = new TransactionTemplate(transactionManager);
        this.lockedWallet.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    @Override
    public long lastNonce(String wallet) {
        return jdbc.queryForList("SELECT last_nonce FROM reward_wallet WHERE wallet = ?", Long.class, wallet).stream()
                .findFirst().orElse(0L);
    }

    @Override
    public <T> T withWalletLocked(String wallet, Supplier<T> action) {
        if (jdbc.queryForList("SELECT 1 FROM reward_wallet WHERE wallet = ?", Integer.class, wallet).isEmpty()) {
            // committed on its own: requests that both created the row and then locked it in one transaction deadlocked
            jdbc.update("INSERT IGNORE INTO reward_wallet (wallet, last_nonce) VALUES (?, 0)", wallet);
        }
        return lockedWallet.execute(transaction -> {
            jdbc.queryForObject("SELECT last_nonce FROM reward_wallet WHERE wallet = ? FOR UPDATE", Long.class, wallet);
            return action.get();
        });
    }

    @Override
    public long requested(String wallet) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM withdrawal_request WHERE wallet = ?",
                Long.class, wallet);
    }

    @Override
    public long append(String wallet, long amount, long nonce, String signature, Instant requestedAt) {
        jdbc.update("UPDATE reward_wallet SET last_nonce = ? WHERE wallet = ?", nonce, wallet);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO withdrawal_request (wallet, amount, nonce,"
                    + " signature, status, requested_at) VALUES (?, ?, ?, ?, 'REQUESTED', ?)", Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, wallet);
            insert.setLong(2, amount);
            insert.setLong(3, nonce);
            insert.setString(4, signature);
            insert.setTimestamp(5, UtcTimestamps.of(requestedAt));
            return insert;
        }, key);
        return key.getKeyAs(Number.class).longValue();
    }
}
