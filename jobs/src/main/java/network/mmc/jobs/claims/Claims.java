package network.mmc.jobs.claims;

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

/** Claims, their payout attempts, and what each wallet has claimed (SETTLEMENT.md §9). */
@Repository
class Claims {

    private static final String CLAIMS = "SELECT id, wallet, version, cumulative, amount, status, requested_at,"
            + " tx_signature, slot, confirmed_at, last_error FROM claim";

    private final JdbcTemplate jdbc;

    Claims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RewardClaim> find(long id) {
        return jdbc.query(CLAIMS + " WHERE id = ?", Claims::claim, id).stream().findFirst();
    }

    /** The claim accepted for the wallet's signed message {@code signature}, if any. */
    public Optional<RewardClaim> bySignature(String signature) {
        return jdbc.query(CLAIMS + " WHERE signature = ?", Claims::claim, signature).stream().findFirst();
    }

    /** The wallet's claims, newest first. */
    public List<RewardClaim> ofWallet(String wallet) {
        return jdbc.query(CLAIMS + " WHERE wallet = ? ORDER BY id DESC", Claims::claim, wallet);
    }

    /** Claims not yet seen paid (PENDING or SENT), oldest first: of one wallet, or of all when {@code wallet} is null. */
    public List<RewardClaim> unfinished(String wallet) {
        return wallet == null
                ? jdbc.query(CLAIMS + " WHERE status IN ('PENDING', 'SENT') ORDER BY id", Claims::claim)
                : jdbc.query(CLAIMS + " WHERE wallet = ? AND status IN ('PENDING', 'SENT') ORDER BY id", Claims::claim,
                wallet);
    }

    /** What the wallet's claims pay in all, confirmed or still in flight. */
    public long claimed(String wallet) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM claim WHERE wallet = ?", Long.class, wallet);
    }

    /**
     * Stores an accepted claim as PENDING, committed before anything is sent for it. The unique keys refuse a second
     * claim of the same message, or a second claim starting from the same claimed total.
     *
     * @return the claim's id
     */
    public long insert(String wallet, long version, long cumulative, long claimedBefore, String signature, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO claim (wallet, version, cumulative,"
                    + " claimed_before, amount, signature, status, requested_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)",
                    Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, wallet);
            insert.setLong(2, version);
            insert.setLong(3, cumulative);
            insert.setLong(4, claimedBefore);
            insert.setLong(5, Math.subtractExact(cumulative, claimedBefore));
            insert.setString(6, signature);
            insert.setTimestamp(7, UtcTimestamps.of(now));
            return insert;
        }, key);
        return key.getKeyAs(Number.class).longValue();
    }

    /** The claim's payout attempts, oldest first. */
    public List<Attempt> attempts(long claim) {
        return jdbc.query("SELECT signature, blockhash, last_valid_block_height FROM claim_attempt WHERE claim_id = ?"
                + " ORDER BY sent_at, signature", (row, i) -> new Attempt(row.getString(1), row.getString(2),
                row.getLong(3)), claim);
    }

    /**
     * Stores {@code next} and makes the claim SENT with it, unless attempts other than {@code seen} are stored (then
     * nothing is stored and nothing may be sent). The claim's row is locked first; committed at once, apart from the
     * caller: a signature about to be sent must never be forgotten.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean appendAttempt(long claim, List<Attempt> seen, Attempt next, Instant now) {
        jdbc.queryForObject("SELECT id FROM claim WHERE id = ? FOR UPDATE", Long.class, claim);
        Set<String> stored = attempts(claim).stream().map(Attempt::signature).collect(Collectors.toSet());
        if (!stored.equals(seen.stream().map(Attempt::signature).collect(Collectors.toSet()))) {
            return false;
        }
        jdbc.update("INSERT INTO claim_attempt (claim_id, signature, blockhash, last_valid_block_height, sent_at)"
                + " VALUES (?, ?, ?, ?, ?)", claim, next.signature(), next.blockhash(), next.lastValidBlockHeight(),
                UtcTimestamps.of(now));
        jdbc.update("UPDATE claim SET status = 'SENT', tx_signature = ?, blockhash = ?, last_valid_block_height = ?"
                + " WHERE id = ? AND status <> 'CONFIRMED'", next.signature(), next.blockhash(),
                next.lastValidBlockHeight(), claim);
        return true;
    }

    /** The payout landed: the claim is CONFIRMED with the transaction that paid it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void confirm(long claim, String signature, long slot, Instant now) {
        jdbc.update("UPDATE claim SET status = 'CONFIRMED', tx_signature = ?, slot = ?, confirmed_at = ?,"
                + " last_error = NULL WHERE id = ? AND status <> 'CONFIRMED'", signature, slot, UtcTimestamps.of(now), claim);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(long claim, String error) {
        jdbc.update("UPDATE claim SET last_error = ? WHERE id = ?", error.length() > 1000 ? error.substring(0, 1000)
                : error, claim);
    }

    private static RewardClaim claim(ResultSet row, int rowNumber) throws SQLException {
        return new RewardClaim(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5),
                row.getString(6), UtcTimestamps.toInstant(row.getTimestamp(7)), row.getString(8),
                (Long) row.getObject(9, Long.class), row.getTimestamp(10) == null ? null
                : UtcTimestamps.toInstant(row.getTimestamp(10)), row.getString(11));
    }
}
