package network.mmc.jobs.staking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.mmc.jobs.database.UtcTimestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The vault's transactions as the sync recorded them, and what each wallet staked for each node. */
@Repository
class VaultTransfers {

    private static final String TRANSFERS = "SELECT signature, slot, status, node_id, sender, source, amount, memo,"
            + " reason, synced_at FROM stake_transfer";

    private final JdbcTemplate jdbc;

    VaultTransfers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest transaction recorded: the sync reads the vault's history down to it. */
    Optional<String> newestSignature() {
        return jdbc.queryForList("SELECT signature FROM stake_transfer ORDER BY id DESC LIMIT 1", String.class).stream()
                .findFirst();
    }

    Optional<StakeTransfer> find(String signature) {
        return jdbc.query(TRANSFERS + " WHERE signature = ?", VaultTransfers::transfer, signature).stream().findFirst();
    }

    /** Stores one transaction's reading; the signature's unique key makes a second recording of it fail. */
    void record(StakeTransfer transfer) {
        jdbc.update("INSERT INTO stake_transfer (signature, slot, status, node_id, sender, source, amount, memo, reason,"
                + " synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", transfer.signature(), transfer.slot(),
                transfer.status(), transfer.nodeId(), transfer.sender(), transfer.source(), transfer.amount(),
                transfer.memo(), transfer.reason() == null ? null : truncated(transfer.reason()),
                UtcTimestamps.of(transfer.syncedAt()));
    }

    /** Adds {@code amount} to what {@code wallet} staked for {@code nodeId}. */
    void credit(String nodeId, String wallet, long amount) {
        jdbc.update("INSERT INTO stake_balance (node_id, wallet, deposited, withdrawn) VALUES (?, ?, ?, 0)"
                + " ON DUPLICATE KEY UPDATE deposited = deposited + VALUES(deposited)", nodeId, wallet, amount);
    }

    /** The transfers that name the node (credited or reported), newest first. */
    List<StakeTransfer> ofNode(String nodeId, int limit) {
        return jdbc.query(TRANSFERS + " WHERE node_id = ? ORDER BY id DESC LIMIT ?", VaultTransfers::transfer, nodeId,
                limit);
    }

    /** The transfers of one status, newest first. */
    List<StakeTransfer> withStatus(String status, int limit) {
        return jdbc.query(TRANSFERS + " WHERE status = ? ORDER BY id DESC LIMIT ?", VaultTransfers::transfer, status,
                limit);
    }

    List<WalletStake> balances(String nodeId) {
        return jdbc.query("SELECT wallet, deposited, withdrawn FROM stake_balance WHERE node_id = ? ORDER BY wallet",
                (row, i) -> new WalletStake(row.getString(1), row.getLong(2), row.getLong(3)), nodeId);
    }

    private static String truncated(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static StakeTransfer transfer(ResultSet row, int rowNumber) throws SQLException {
        Instant synced = UtcTimestamps.toInstant(row.getTimestamp(10));
        return new StakeTransfer(row.getString(1), row.getLong(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getObject(7, Long.class), row.getString(8), row.getString(9), synced);
    }
}
