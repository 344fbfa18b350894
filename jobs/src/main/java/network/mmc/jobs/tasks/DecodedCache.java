package network.mmc.jobs.tasks;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Task inputs the dispatcher's workers read again and again (a product's operands, a model, a step's parameters),
 * decoded once from their stored rows, which never change: the most recently used, at most {@code count} of them and
 * {@code bytes} in all (the newest is kept even when it alone is larger). A value is loaded once however many workers
 * ask for it at the same time: the others wait for it rather than each reading and decoding it again. Sized for the
 * units a dispatcher has in flight, which span several parts at once: a cache smaller than that had every answer's
 * check decode its product again. Thread safe.
 *
 * @param <V> the decoded value
 */
final class DecodedCache<V> {

    private record Entry<V>(CompletableFuture<V> value, long bytes) {
    }

    private final int count;
    private final long bytes;
    private final ToLongFunction<V> sizeOf;
    private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long held;

    DecodedCache(int count, long bytes, ToLongFunction<V> sizeOf) {
        this.count = count;
        this.bytes = bytes;
        this.sizeOf = sizeOf;
    }

    /** The value under {@code key}, loaded with {@code load} when not here; a null from it is returned, not kept. */
    V get(String key, Supplier<V> load) {
        CompletableFuture<V> loading;
        CompletableFuture<V> found;
        synchronized (this) {
            Entry<V> entry = entries.get(key);
            found = entry == null ? null : entry.value();
            loading = entry == null ? new CompletableFuture<>() : null;
            if (loading != null) {
                entries.put(key, new Entry<>(loading, 0));
            }
        }
        if (found != null) {
            // outside the lock: the worker loading it needs the lock to finish
            return await(found);
        }
        V value;
        try {
            value = load.get();
            keep(key, loading, value);
        } catch (RuntimeException | Error e) {
            // whatever failed, those waiting for the value are told and the next one loads it again
            forgetLoading(key, loading);
            loading.completeExceptionally(e);
            throw e;
        }
        loading.complete(value);
        return value;
    }

    private synchronized void keep(String key, CompletableFuture<V> loading, V value) {
        Entry<V> entry = entries.get(key);
        if (value == null) {
            forgetLoading(key, loading);
        } else if (entry != null && entry.value() == loading) {
            long size = sizeOf.applyAsLong(value);
            entries.put(key, new Entry<>(loading, size));
            held += size;
            evict(key);
        }
    }

    /** Forgets the values whose keys match, as when their task's inputs are deleted. */
    synchronized void removeIf(Predicate<String> key) {
        Iterator<Map.Entry<String, Entry<V>>> each = entries.entrySet().iterator();
        while (each.hasNext()) {
            Map.Entry<String, Entry<V>> entry = each.next();
            if (key.test(entry.getKey())) {
                held -= entry.getValue().bytes();
                each.remove();
            }
        }
    }

    private synchronized void forgetLoading(String key, CompletableFuture<V> loading) {
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.value() == loading) {
            entries.remove(key);
        }
    }

    /** The least recently used loaded values go until the rest fit; values still loading and the newest stay. */
    private void evict(String newest) {
        Iterator<Map.Entry<String, Entry<V>>> eldest = entries.entrySet().iterator();
        while ((entries.size() > count || held > bytes) && eldest.hasNext()) {
            Map.Entry<String, Entry<V>> entry = eldest.next();
            if (!entry.getKey().equals(newest) && entry.getValue().value().isDone()) {
                held -= entry.getValue().bytes();
                eldest.remove();
            }
        }
    }

    private static <V> V await(CompletableFuture<V> value) {
        try {
            return value.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
