package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecodedCacheTests {

    private final AtomicInteger loads = new AtomicInteger();

    private String load(String value) {
        loads.incrementAndGet();
        return value;
    }

    @Test
    void aValueIsLoadedOnceAndThenServedFromTheCache() {
        DecodedCache<String> cache = new DecodedCache<>(4, 1_000, String::length);

        assertThat(cache.get("a", () -> load("alpha"))).isEqualTo("alpha");
        assertThat(cache.get("a", () -> load("other"))).isEqualTo("alpha");
        assertThat(loads).hasValue(1);
    }

    @Test
    void workersAskingAtOnceWaitForOneLoadRatherThanEachLoading() throws Exception {
        DecodedCache<String> cache = new DecodedCache<>(4, 1_000, String::length);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            answers.add(workers.submit(() -> cache.get("a", () -> {
                loading.countDown();
                await(release);
                return load("alpha");
            })));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            for (int worker = 1; worker < 8; worker++) {
                answers.add(workers.submit(() -> cache.get("a", () -> load("again"))));
            }
            release.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("alpha");
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void theLeastRecentlyUsedGoFirstWhenThereAreMoreThanTheCount() {
        DecodedCache<String> cache = new DecodedCache<>(2, 1_000, String::length);
        cache.get("a", () -> load("alpha"));
        cache.get("b", () -> load("beta"));
        cache.get("a", () -> load("alpha"));
        cache.get("c", () -> load("gamma"));

        cache.get("a", () -> load("alpha"));
        assertThat(loads).as("a was used after b, so b went").hasValue(3);
        cache.get("b", () -> load("beta"));
        assertThat(loads).hasValue(4);
    }

    @Test
    void valuesGoWhenTheirBytesPassTheBudgetButTheNewestStaysEvenAlone() {
        DecodedCache<String> cache = new DecodedCache<>(10, 8, String::length);
        cache.get("a", () -> load("four"));
        cache.get("b", () -> load("four"));
        cache.get("c", () -> load("a value longer than the budget"));

        assertThat(cache.get("c", () -> load("reloaded"))).isEqualTo("a value longer than the budget");
        cache.get("a", () -> load("four"));
        cache.get("b", () -> load("four"));
        assertThat(loads).as("a and b were pushed out by c, then c by them").hasValue(5);
    }

    @Test
    void aLoadThatFindsNothingOrFailsIsNotKeptAndIsTriedAgain() {
        DecodedCache<String> cache = new DecodedCache<>(4, 1_000, String::length);

        assertThat(cache.get("a", () -> null)).isNull();
        assertThatThrownBy(() -> cache.get("a", () -> {
            throw new IllegalStateException("the row is gone");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the row is gone");
        assertThat(cache.get("a", () -> load("alpha"))).isEqualTo("alpha");
    }

    @Test
    void aValueThatCannotBeKeptLeavesNoEntryBehindForOthersToWaitOn() {
        DecodedCache<String> cache = new DecodedCache<>(4, 1_000, value -> {
            if (value.equals("unsized")) {
                throw new IllegalArgumentException("no size for " + value);
            }
            return value.length();
        });

        assertThatThrownBy(() -> cache.get("a", () -> "unsized")).hasMessage("no size for unsized");
        assertThat(cache.get("a", () -> load("alpha"))).isEqualTo("alpha");
        assertThat(loads).hasValue(1);
    }

    @Test
    void removedValuesAreLoadedAgainAndTheOthersStay() {
        DecodedCache<String> cache = new DecodedCache<>(4, 1_000, String::length);
        cache.get("task-1:0", () -> load("one"));
        cache.get("task-1:1", () -> load("two"));
        cache.get("task-2:0", () -> load("three"));

        cache.removeIf(key -> key.startsWith("task-1:"));

        cache.get("task-2:0", () -> load("three"));
        assertThat(loads).hasValue(3);
        cache.get("task-1:0", () -> load("one"));
        assertThat(loads).hasValue(4);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
