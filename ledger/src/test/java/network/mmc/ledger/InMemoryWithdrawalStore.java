package network.mmc.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Withdrawal requests in a list, for running the domain without a database: one lock per wallet; an action that
 * throws leaves nothing of what it appended.
 */
public final class InMemoryWithdrawalStore implements WithdrawalStore {

    public record Request(long id, String wallet, long amount, long nonce) {
    }

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Long> lastNonces = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long lastNonce(String wallet) {
        return lastNonces.getOrDefault(wallet, 0L);
    }

    @Override
    public <T> T withWalletLocked(String wallet, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(wallet, w -> new ReentrantLock());
        lock.lock();
        long lastIdBefore = ids.get();
        long nonce = lastNonce(wallet);
        try {
            return action.get();
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                requests.removeIf(r -> r.wallet().equals(wallet) && r.id() > lastIdBefore);
            }
            lastNonces.put(wallet, nonce);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized long requested(String wallet) {
        return requests.stream().filter(r -> r.wallet().equals(wallet)).mapToLong(Request::amount)
                .reduce(0L, Math::addExact);
    }

    @Override
    public synchronized long append(String wallet, long amount, long nonce, String signature, Instant requestedAt) {
        long id = ids.incrementAndGet();
        requests.add(new Request(id, wallet, amount, nonce));
        lastNonces.put(wallet, nonce);
        return id;
    }

    /** Every request, oldest first. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }
}
