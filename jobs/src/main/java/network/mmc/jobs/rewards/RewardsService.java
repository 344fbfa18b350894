package network.mmc.jobs.rewards;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.ledger.Balance;
import network.mmc.ledger.RewardLedger;
import network.mmc.ledger.WithdrawalMessage;
import network.mmc.ledger.WithdrawalProgress;
import network.mmc.ledger.WithdrawalRefusedException;
import network.mmc.ledger.WithdrawalRules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Balances from the ledger, signed withdrawal requests (SETTLEMENT.md §6-7) and claim proofs. */
@Service
public class RewardsService {

    private static final int MAX_PAGE_SIZE = 1000;

    private static final String WITHDRAWALS =
            "SELECT id, wallet, amount, nonce, status, requested_at, version FROM withdrawal_request";

    private final JdbcTemplate jdbc;
    private final String hubId;
    private final Clock clock;
    private final RewardLedger ledger;
    private final TransactionTemplate snapshot;

    RewardsService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                   @Value("${mmc.hub-id}") String hubId, Clock clock, RewardLedger ledger) {
        this.jdbc = jdbc;
        this.hubId = hubId;
        this.clock = clock;
        this.ledger = ledger;
        // REPEATABLE READ: every read of a statement sees the snapshot of its first read
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    public RewardBalance balance(String walletText) {
        String wallet = SolanaAddress.parse("wallet", walletText).base58();
        return RewardBalance.of(wallet, ledger.balance(wallet));
    }

    /**
     * The {@code limit} wallets with the largest settled balances, largest first, each with what it has requested
     * and may still request; read from one snapshot.
     */
    public List<RewardBalance> largestBalances(int limit) {
        return snapshot.execute(transaction -> jdbc.query("SELECT l.wallet, l.settled,"
                        + " (SELECT COALESCE(SUM(w.amount), 0) FROM withdrawal_request w WHERE w.wallet = l.wallet)"
                        + " FROM (SELECT wallet, SUM(amount) AS settled FROM ledger_entry GROUP BY wallet) l"
                        + " ORDER BY l.settled DESC, l.wallet LIMIT ?",
                (row, i) -> RewardBalance.of(row.getString(1), new Balance(row.getLong(2), row.getLong(3))), limit));
    }

    /**
     * The balance, one page of the history (settled windows, newest first, each once at its latest revision with
     * the ledger entries under it) and the withdrawals, all read from one snapshot so that a re-run committing
     * meanwhile cannot make the history disagree with the balance.
     */
    public RewardStatement statement(String walletText, int page, int size) {
        String wallet = SolanaAddress.parse("wallet", walletText).base58();
        checkPage(page, size);
        return snapshot.execute(transaction -> {
            RewardBalance balance = balance(wallet);
            long windows = jdbc.queryForObject("SELECT COUNT(DISTINCT window_start) FROM ledger_entry WHERE wallet = ?",
                    Long.class, wallet);
            return new RewardStatement(wallet, balance.settled(), balance.requested(), balance.withdrawable(), page,
                    size, windows, history(wallet, page, size), withdrawals(wallet));
        });
    }

    /** A page of the history: 0 or more, of 1 to {@value #MAX_PAGE_SIZE} windows. */
    public static void checkPage(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE + ", got " + size);
        }
    }

    private List<RewardHistoryLine> history(String wallet, int page, int size) {
        List<Timestamp> windows = jdbc.queryForList("SELECT window_start FROM ledger_entry WHERE wallet = ?"
                        + " GROUP BY window_start ORDER BY window_start DESC LIMIT ? OFFSET ?", Timestamp.class,
                wallet, size, (long) page * size);
        if (windows.isEmpty()) {
            return List.of();
        }
        Timestamp newest = windows.get(0);
        Timestamp oldest = windows.get(windows.size() - 1);
        Map<Instant, List<RewardHistoryLine.Entry>> entries = new LinkedHashMap<>();
        jdbc.query("SELECT window_start, revision, entry_type, amount FROM ledger_entry WHERE wallet = ?"
                        + " AND window_start BETWEEN ? AND ? ORDER BY window_start DESC, revision, id",
                row -> {
                    entries.computeIfAbsent(UtcTimestamps.toInstant(row.getTimestamp(1)), w -> new ArrayList<>())
                            .add(new RewardHistoryLine.Entry(row.getInt(2), row.getString(3), row.getLong(4)));
                }, wallet, oldest, newest);
        Map<Instant, Integer> latestRevisions = new HashMap<>();
        jdbc.query("SELECT window_start, MAX(revision) FROM settlement_run WHERE window_start BETWEEN ? AND ?"
                        + " AND status = 'COMPLETED' GROUP BY window_start",
                row -> {
                    latestRevisions.put(UtcTimestamps.toInstant(row.getTimestamp(1)), row.getInt(2));
                }, oldest, newest);
        Map<Instant, List<RewardHistoryLine.NodeReward>> nodes = new HashMap<>();
        jdbc.query("SELECT r.window_start, n.node_id, n.reward FROM settlement_run r JOIN node_settlement n ON n.run_id = r.id"
                        + " WHERE n.owner_wallet = ? AND n.reward <> 0 AND r.window_start BETWEEN ? AND ?"
                        + " AND r.revision = (SELECT MAX(l.revision) FROM settlement_run l"
                        + " WHERE l.window_start = r.window_start AND l.status = 'COMPLETED') ORDER BY n.node_id",
                row -> {
                    nodes.computeIfAbsent(UtcTimestamps.toInstant(row.getTimestamp(1)), w -> new ArrayList<>())
                            .add(new RewardHistoryLine.NodeReward(row.getString(2), row.getLong(3)));
                }, wallet, oldest, newest);
        return entries.entrySet().stream().map(window -> {
            List<RewardHistoryLine.Entry> ledger = window.getValue();
            int lastEntry = ledger.get(ledger.size() - 1).revision();
            return new RewardHistoryLine(window.getKey(), latestRevisions.getOrDefault(window.getKey(), lastEntry),
                    ledger.stream().mapToLong(RewardHistoryLine.Entry::amount).sum(), List.copyOf(ledger),
                    List.copyOf(nodes.getOrDefault(window.getKey(), List.of())));
        }).toList();
    }

    /** The wallet's withdrawals, oldest first, each at its stage from request to claim (one snapshot when called in one). */
    public List<WithdrawalRequest> withdrawals(String walletText) {
        String wallet = SolanaAddress.parse("wallet", walletText).base58();
        List<WithdrawalRequest> stored = new ArrayList<>();
        List<WithdrawalProgress.Request> requests = new ArrayList<>();
        jdbc.query("SELECT w.id, w.wallet, w.amount, w.nonce, w.status, w.requested_at, w.version, d.status,"
                        + " EXISTS (SELECT 1 FROM distribution_attempt a WHERE a.version = w.version)"
                        + " FROM withdrawal_request w LEFT JOIN distribution d ON d.version = w.version"
                        + " WHERE w.wallet = ? ORDER BY w.id",
                row -> {
                    WithdrawalRequest request = withdrawal(row, 0);
                    stored.add(request);
                    requests.add(new WithdrawalProgress.Request(request.id(), request.amount(), request.version(),
                            row.getString(8), row.getBoolean(9)));
                }, wallet);
        List<WithdrawalProgress.PaidClaim> paid = jdbc.query("SELECT cumulative, tx_signature FROM claim"
                        + " WHERE wallet = ? AND status = 'CONFIRMED'",
                (row, i) -> new WithdrawalProgress.PaidClaim(row.getLong(1), row.getString(2)), wallet);
        Map<Long, WithdrawalProgress.Progress> progress = WithdrawalProgress.of(requests, paid);
        return stored.stream().map(w -> {
            WithdrawalProgress.Progress p = progress.get(w.id());
            return new WithdrawalRequest(w.id(), w.wallet(), w.amount(), w.nonce(), w.status(), w.requestedAt(),
                    w.version(), p.stage().name(), p.claimTransaction());
        }).toList();
    }

    /** A request as stored, at the stage of one not yet in a version. */
    private static WithdrawalRequest withdrawal(ResultSet row, int rowNumber) throws SQLException {
        return new WithdrawalRequest(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4), row.getString(5),
                UtcTimestamps.toInstant(row.getTimestamp(6)), (Long) row.getObject(7),
                WithdrawalProgress.Stage.REQUESTED.name(), null);
    }

    /**
     * Checks the §7 signature, then lets the ledger accept the request (nonce, withdrawable amount) and store it as
     * REQUESTED while the wallet is locked, so that concurrent requests (in this Hub or another on the same database)
     * are checked one after the other, each against the requests accepted before it.
     */
    public WithdrawalRequest withdraw(String walletText, Long amount, Long nonce, String signature) {
        SolanaAddress wallet = SolanaAddress.parse("wallet", walletText);
        try {
            WithdrawalRules.checkShape(amount, nonce);
            Ed25519Signatures.verify(wallet, WithdrawalMessage.of(hubId, wallet.base58(), amount, nonce), signature);
            long id = ledger.withdraw(wallet.base58(), amount, nonce, signature, clock.instant());
            return jdbc.queryForObject(WITHDRAWALS + " WHERE id = ?", RewardsService::withdrawal, id);
        } catch (WithdrawalRefusedException e) {
            throw switch (e.reason()) {
                case UNKNOWN_WALLET -> new NotFoundException(e.getMessage());
                case STALE_NONCE -> new ConflictException(e.getMessage());
                case MALFORMED, OVER_BALANCE -> new IllegalArgumentException(e.getMessage());
            };
        }
    }

    /** What a claim needs: the latest CONFIRMED version holding the wallet, its cumulative amount, proof and root. */
    public ClaimProof proof(String walletText) {
        String wallet = SolanaAddress.parse("wallet", walletText).base58();
        Optional<ClaimProof> proof = jdbc.query("SELECT d.version, l.cumulative, l.proof, d.root, d.signature"
                        + " FROM distribution_leaf l JOIN distribution d ON d.version = l.version"
                        + " WHERE l.wallet = ? AND d.status = 'CONFIRMED' ORDER BY d.version DESC LIMIT 1",
                (row, i) -> new ClaimProof(wallet, row.getLong(1), row.getLong(2),
                        List.of(row.getString(3).isEmpty() ? new String[0] : row.getString(3).split(",")),
                        row.getString(4), row.getString(5)), wallet).stream().findFirst();
        return proof.orElseThrow(() -> new NotFoundException("wallet " + wallet + " is in no confirmed distribution yet"));
    }

    /** A claim's inputs: version, cumulative amount, proof (hex, bottom-up), root and the publishing transaction. */
    public record ClaimProof(String wallet, long version, long cumulative, List<String> proof, String root,
                             String signature) {
    }
}
