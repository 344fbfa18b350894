package network.mmc.jobs.rewards;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.ledger.DistributionStore;
import network.mmc.ledger.PlannedDistribution;
import network.mmc.ledger.WaitingRequest;
import network.mmc.rewards.Attempt;
import network.mmc.rewards.Claim;
import network.mmc.rewards.MerkleDistribution;
import org.p2p.solanaj.utils.Base58;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Distribution versions, their leaves with proofs, the requests they carry, and their publishing attempts. */
@Repository
public class Distributions implements DistributionStore {

    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Distributions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Distribution> pending() {
        return find("WHERE status = 'PENDING' ORDER BY version LIMIT 1");
    }

    public Optional<Distribution> version(long version) {
        return find("WHERE version = " + version);
    }

    public Optional<Distribution> latest() {
        return find("ORDER BY version DESC LIMIT 1");
    }

    private Optional<Distribution> find(String condition) {
        return jdbc.query("SELECT version, root, total, leaf_count, status, signature, last_error FROM distribution "
                + condition, (row, i) -> new Distribution(row.getLong(1), row.getString(2), row.getLong(3), row.getInt(4),
                row.getString(5), row.getString(6), row.getString(7))).stream().findFirst();
    }

    /** Whether a REQUESTED withdrawal waits for a version. */
    public boolean hasWaitingRequests() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM withdrawal_request"
                + " WHERE status = 'REQUESTED' AND version IS NULL)", Boolean.class));
    }

    @Override
    public OptionalLong pendingVersion() {
        return pending().map(d -> OptionalLong.of(d.version())).orElse(OptionalLong.empty());
    }

    /**
     * Version v+1 as {@code planner} makes it from every wallet's requests in earlier versions and every REQUESTED
     * one not yet in a version; stores root, leaves and proofs, and ties those requests to it. Empty when no request
     * is waiting. Run under READ COMMITTED (the export's step is) so that the locking read below does not lock out
     * new requests.
     */
    @Override
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Optional<PlannedDistribution> createNext(Planner planner) {
        // a locking read: it waits for a request still being stored, so the version sums exactly the requests it
        // then ties to itself (a snapshot read missed such a request, which the tying UPDATE then took unpaid)
        List<WaitingRequest> waiting = jdbc.query("SELECT id, wallet, amount FROM withdrawal_request"
                        + " WHERE status = 'REQUESTED' AND version IS NULL ORDER BY id FOR UPDATE",
                (row, i) -> new WaitingRequest(row.getLong(1), row.getString(2), row.getLong(3)));
        long latest = jdbc.queryForObject("SELECT COALESCE(MAX(version), 0) FROM distribution", Long.class);
        Map<String, Long> cumulative = new HashMap<>();
        jdbc.query("SELECT wallet, SUM(amount) FROM withdrawal_request WHERE version IS NOT NULL GROUP BY wallet",
                row -> {
                    cumulative.put(row.getString(1), row.getLong(2));
                });
        Optional<PlannedDistribution> plan = planner.plan(latest, cumulative, waiting);
        plan.ifPresent(this::store);
        return plan;
    }

    private void store(PlannedDistribution plan) {
        List<Claim> claims = plan.cumulative().entrySet().stream()
                .map(e -> new Claim(Base58.decode(e.getKey()), e.getValue())).toList();
        MerkleDistribution tree = MerkleDistribution.of(claims);
        jdbc.update("INSERT INTO distribution (version, root, total, leaf_count, status, created_at) VALUES (?, ?, ?, ?, 'PENDING', ?)",
                plan.version(), HEX.formatHex(tree.root()), tree.total(), tree.size(), UtcTimestamps.of(clock.instant()));
        List<Object[]> leaves = new ArrayList<>(tree.size());
        tree.forEachProof((i, proof) -> {
            Claim claim = tree.claim(i);
            leaves.add(new Object[] {plan.version(), i, Base58.encode(claim.wallet()), claim.cumulative(),
                    MerkleDistribution.siblings(proof).stream().map(HEX::formatHex).collect(Collectors.joining(","))});
        });
        jdbc.batchUpdate("INSERT INTO distribution_leaf (version, leaf_index, wallet, cumulative, proof) VALUES (?, ?, ?, ?, ?)",
                leaves);
        jdbc.batchUpdate("UPDATE withdrawal_request SET version = ? WHERE id = ?",
                plan.requestIds().stream().map(id -> new Object[] {plan.version(), id}).toList());
    }

    @Override
    public Map<String, Long> cumulative(long version) {
        Map<String, Long> cumulative = new HashMap<>();
        jdbc.query("SELECT wallet, cumulative FROM distribution_leaf WHERE version = ?", row -> {
            cumulative.put(row.getString(1), row.getLong(2));
        }, version);
        return cumulative;
    }

    /** A wallet's leaf in a version: its cumulative amount and its proof (siblings bottom-up). */
    public record Leaf(long cumulative, List<byte[]> proof) {
    }

    public Optional<Leaf> leaf(long version, String wallet) {
        return jdbc.query("SELECT cumulative, proof FROM distribution_leaf WHERE version = ? AND wallet = ?",
                (row, i) -> new Leaf(row.getLong(1), row.getString(2).isEmpty() ? List.of()
                        : Arrays.stream(row.getString(2).split(",")).map(HEX::parseHex).toList()), version, wallet)
                .stream().findFirst();
    }

    /** The version's publishing attempts, oldest first. */
    public List<Attempt> attempts(long version) {
        return jdbc.query("SELECT signature, blockhash, last_valid_block_height FROM distribution_attempt WHERE version = ?"
                + " ORDER BY sent_at, signature", (row, i) -> new Attempt(row.getString(1), row.getString(2), row.getLong(3)),
                version);
    }

    /**
     * Stores {@code next} unless attempts other than {@code seen} are stored (another export sent meanwhile); the
     * version's row is locked so that two exports cannot both pass. Committed at once, apart from the export's
     * transaction: a signature about to be sent must never be forgotten.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean appendAttempt(long version, List<Attempt> seen, Attempt next, Instant now) {
        // locked before anything is read: the read below then sees every attempt committed before the lock
        jdbc.queryForObject("SELECT version FROM distribution WHERE version = ? FOR UPDATE", Long.class, version);
        Set<String> stored = attempts(version).stream().map(Attempt::signature).collect(Collectors.toSet());
        if (!stored.equals(seen.stream().map(Attempt::signature).collect(Collectors.toSet()))) {
            return false;
        }
        jdbc.update("INSERT INTO distribution_attempt (version, signature, blockhash, last_valid_block_height, sent_at)"
                + " VALUES (?, ?, ?, ?, ?)", version, next.signature(), next.blockhash(), next.lastValidBlockHeight(),
                UtcTimestamps.of(now));
        return true;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(long version, String error) {
        jdbc.update("UPDATE distribution SET last_error = ? WHERE version = ?",
                error.length() > 1000 ? error.substring(0, 1000) : error, version);
    }

    /** The version is on chain: it becomes CONFIRMED and its requests SYNCED, together. */
    @Override
    @Transactional
    public void confirm(long version, String signature, long slot, Instant now) {
        jdbc.update("UPDATE distribution SET status = 'CONFIRMED', signature = ?, slot = ?, confirmed_at = ?, last_error = NULL"
                + " WHERE version = ? AND status = 'PENDING'", signature, slot, UtcTimestamps.of(now), version);
        jdbc.update("UPDATE withdrawal_request SET status = 'SYNCED', synced_at = ? WHERE version = ?",
                UtcTimestamps.of(now), version);
    }
}
