package network.mmc.jobs.staking;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.rewards.Attempt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Unstake requests, the wallets' unstake nonces, and the payouts of unstakes from the vault. */
@Repository
class Unstakes {

    private static final String UNSTAKES = "SELECT id, node_id, wallet, amount, nonce, requested_at, due_at, status,"
            + " tx_signature, slot, paid_at, last_error FROM unstake";

    private final JdbcTemplate jdbc;

    Unstakes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the wallet's nonce row (last nonce 0) unless it exists. */
    void ensureWallet(String wallet) {
        jdbc.update("INSERT IGNORE INTO stake_wallet (wallet, last_nonce) VALUES (?, 0)", wallet);
    }

    /**
     * Takes {@code nonce} as the wallet's last unstake nonce if it is greater than the last one; false otherwise. The
     * wallet's row ({@link #ensureWallet}) stays locked to the end of the caller's transaction, so a concurrent
     * unstake of the wallet waits and then sees this nonce.
     */
    boolean acceptNonce(String wallet, long nonce) {
        return jdbc.update("UPDATE stake_wallet SET last_nonce = ? WHERE wallet = ? AND last_nonce < ?", nonce, wallet,
                nonce) == 1;
    }

    long lastNonce(String wallet) {
        return jdbc.queryForList("SELECT last_nonce FROM stake_wallet WHERE wallet = ?", Long.class, wallet).stream()
                .findFirst().orElse(0L);
    }

    /**
     * Takes {@code amount} off what {@code wallet} staked for {@code nodeId} and has not taken back, in one conditional
     * update (the row is locked by it); false, changing nothing, when that is less than {@code amount}.
     */
    boolean withdraw(String nodeId, String wallet, long amount) {
        return jdbc.update("UPDATE stake_balance SET withdrawn = withdrawn + ? WHERE node_id = ? AND wallet = ?"
                + " AND deposited - withdrawn >= ?", amount, nodeId, wallet, amount) == 1;
    }

    long staked(String nodeId, String wallet) {
        return jdbc.queryForList("SELECT deposited - withdrawn FROM stake_balance WHERE node_id = ? AND wallet = ?",
                Long.class, nodeId, wallet).stream().findFirst().orElse(0L);
    }

    long insert(String nodeId, String wallet, long amount, long nonce, String signature, Instant requestedAt,
                Instant dueAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO unstake (node_id, wallet, amount, nonce,"
                    + " signature, requested_at, due_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'WAITING')",
                    Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, nodeId);
            insert.setString(2, wallet);
            insert.setLong(3, amount);
            insert.setLong(4, nonce);
            insert.setString(5, signature);
            insert.setTimestamp(6, UtcTimestamps.of(requestedAt));
            insert.setTimestamp(7, UtcTimestamps.of(dueAt));
            return insert;
        }, key);
        return key.getKeyAs(Number.class).longValue();
    }

    Optional<Unstake> find(long id) {
        return jdbc.query(UNSTAKES + " WHERE id = ?", Unstakes::unstake, id).stream().findFirst();
    }

    /** The node's unstakes, newest first. */
    List<Unstake> ofNode(String nodeId) {
        return jdbc.query(UNSTAKES + " WHERE node_id = ? ORDER BY id DESC", Unstakes::unstake, nodeId);
    }

    /** Unstakes not yet seen paid whose cool-down ended by {@code now}, oldest first. */
    List<Unstake> due(Instant now) {
        return jdbc.query(UNSTAKES + " WHERE status IN ('WAITING', 'SENT') AND due_at <= ? ORDER BY id",
                Unstakes::unstake, UtcTimestamps.of(now));
    }

    /** The unstake's payout attempts, oldest first. */
    List<Attempt> attempts(long unstake) {
        return jdbc.query("SELECT signature, blockhash, last_valid_block_height FROM unstake_attempt WHERE unstake_id = ?"
                + " ORDER BY sent_at, signature", (row, i) -> new Attempt(row.getString(1), row.getString(2),
                row.getLong(3)), unstake);
    }

    /**
     * Stores {@code next} and makes the unstake SENT, unless attempts other than {@code seen} are stored (then nothing
     * is stored, and nothing may be sent). Committed at once, apart from the caller: a signature about to be sent must
     * never be forgotten.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean appendAttempt(long unstake, List<Attempt> seen, Attempt next, Instant now) {
        jdbc.queryForObject("SELECT id FROM unstake WHERE id = ? FOR UPDATE", Long.class, unstake);
        Set<String> stored = attempts(unstake).stream().map(Attempt::signature).collect(Collectors.toSet());
        if (!stored.equals(seen.stream().map(Attempt::signature).collect(Collectors.toSet()))) {
            return false;
        }
        jdbc.update("INSERT INTO unstake_attempt (unstake_id, signature, blockhash, last_valid_block_height, sent_at)"
                + " VALUES (?, ?, ?, ?, ?)", unstake, next.signature(), next.blockhash(), next.lastValidBlockHeight(),
                UtcTimestamps.of(now));
        jdbc.update("UPDATE unstake SET status = 'SENT', tx_signature = ? WHERE id = ? AND status <> 'PAID'",
                next.signature(), unstake);
        return true;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void paid(long unstake, String signature, long slot, Instant now) {
        jdbc.update("UPDATE unstake SET status = 'PAID', tx_signature = ?, slot = ?, paid_at = ?, last_error = NULL"
                + " WHERE id = ? AND status <> 'PAID'", signature, slot, UtcTimestamps.of(now), unstake);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(long unstake, String error) {
        jdbc.update("UPDATE unstake SET last_error = ? WHERE id = ?", error.length() > 1000 ? error.substring(0, 1000)
                : error, unstake);
    }

    private static Unstake unstake(ResultSet row, int rowNumber) throws SQLException {
        return new Unstake(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getLong(5),
                UtcTimestamps.toInstant(row.getTimestamp(6)), UtcTimestamps.toInstant(row.getTimestamp(7)),
                row.getString(8), row.getString(9), row.getObject(10, Long.class),
                row.getTimestamp(11) == null ? null : UtcTimestamps.toInstant(row.getTimestamp(11)), row.getString(12));
    }
}
