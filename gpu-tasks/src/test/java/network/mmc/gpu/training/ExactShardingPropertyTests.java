package network.mmc.gpu.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Any cut of a batch into shards, added in any order, gives the batch's gradient sums and update bit for bit. */
class ExactShardingPropertyTests {

    private static final LabelledDataset IRIS = IrisDataset.load();
    private final CpuShardGradients cpu = new CpuShardGradients();

    @Property(tries = 200)
    void shardSumsInAnyOrderEqualTheWholeBatch(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 24) int shards,
                                               @ForAll long order) {
        // given parameters partly trained, so hidden units are both on and off
        MlpParameters parameters = IrisDataset.referencePlan(seed % 2 == 0 ? 0 : 20).trainLocally(IRIS.training(), cpu);
        Samples batch = IRIS.training().select(new BatchSchedule(seed, IRIS.training().count(), 24).batch(seed & 7));
        List<Integer> cuts = randomCuts(new Random(order), batch.count(), shards);

        // when the shards' sums are added in a random order
        List<GradientSums> parts = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            parts.add(cpu.gradients(parameters, batch.range(cuts.get(i), cuts.get(i + 1))));
        }
        Collections.shuffle(parts, new Random(~order));
        GradientSums total = GradientSums.zero(parameters.shape());
        for (GradientSums part : parts) {
            total = total.plus(part);
        }

        // then
        GradientSums whole = cpu.gradients(parameters, batch);
        assertThat(total).isEqualTo(whole);
        assertThat(new SgdUpdate(1, 4).apply(parameters, total).hashHex())
                .isEqualTo(new SgdUpdate(1, 4).apply(parameters, whole).hashHex());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs().between(0, 1_000);
    }

    /** 0 = c0 ≤ c1 ≤ … ≤ cn = size, with empty shards allowed. */
    private static List<Integer> randomCuts(Random random, int size, int shards) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < shards; i++) {
            cuts.add(random.nextInt(size + 1));
        }
        cuts.add(0);
        cuts.add(size);
        Collections.sort(cuts);
        return cuts;
    }
}
