package network.mmc.gpu.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainingDataTests {

    @Test
    void irisIsSplitIntoTenHeldOutSamplesPerSpeciesWithExactScaling() {
        LabelledDataset iris = IrisDataset.load();

        assertThat(iris.training().count()).isEqualTo(120);
        assertThat(iris.heldOut().count()).isEqualTo(30);
        for (int species = 0; species < 3; species++) {
            int s = species;
            assertThat(IntStream.of(iris.heldOut().labels()).filter(label -> label == s).count()).isEqualTo(10);
        }
        // the first row is 5.1, 3.5, 1.4, 0.2: 51·65536/80 = 41779.2 → 41779
        assertThat(iris.training().feature(0, 0)).isEqualTo(41_779);
        assertThat(iris.training().feature(0, 3)).isEqualTo(1_638);
    }

    @Test
    void aMalformedRowIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> IrisDataset.parse(List.of("header", "5.1,3.5,1.4,0.2,rose")))
                .hasMessageContaining("line 2: unknown species rose");
    }

    @Test
    void eachEpochIsAPermutationCutIntoFullBatches() {
        BatchSchedule schedule = new BatchSchedule(7, 120, 24);
        int[] epoch = IntStream.range(0, 5).flatMap(step -> IntStream.of(schedule.batch(step))).sorted().toArray();

        assertThat(epoch).isEqualTo(IntStream.range(0, 120).toArray());
        assertThat(schedule.batch(5)).isNotEqualTo(schedule.batch(0));
        assertThat(schedule.batch(3)).isEqualTo(new BatchSchedule(7, 120, 24).batch(3));
    }

    @Test
    void shardsCoverTheBatchAndDifferByAtMostOne() {
        ShardSplit split = new ShardSplit(24, 7);

        int[] sizes = IntStream.range(0, split.count()).map(s -> split.to(s) - split.from(s)).toArray();
        assertThat(sizes).containsExactly(4, 4, 4, 3, 3, 3, 3);
        assertThat(split.from(0)).isZero();
        assertThat(split.to(6)).isEqualTo(24);
        assertThat(new ShardSplit(3, 8).count()).isEqualTo(3);
    }

    @Test
    void theUpdateFloorsTheScaledMeanAndRefusesToLeaveTheRange() {
        MlpParameters zero = new MlpParameters(MlpShape.of(1, 1), new int[] {0, 0});
        // mean gradients 5/2 and -5/2 at rate 1/1: w' = -⌊2.5⌋ = -2 and -⌊-2.5⌋ = 3
        MlpParameters next = new SgdUpdate(1, 1).apply(zero, new GradientSums(new long[] {5, -5}, 2));
        assertThat(next.values()).containsExactly(-2, 3);

        assertThatThrownBy(() -> new SgdUpdate(1, 1).apply(zero, new GradientSums(new long[] {-(1L << 40), 0}, 1)))
                .isInstanceOf(FixedPointOverflowException.class).hasMessageContaining("parameter 0");
        assertThatThrownBy(() -> new SgdUpdate(0, 1)).hasMessageContaining("learning rate 0/1");
    }

    @Test
    void theParameterHashCoversShapeAndEveryBitAndTheBytesRoundTrip() {
        MlpParameters parameters = MlpParameters.initial(MlpShape.of(4, 16, 3), 7);
        int[] changed = parameters.values();
        changed[changed.length - 1] ^= 1;

        assertThat(MlpParameters.fromCanonicalBytes(parameters.canonicalBytes())).isEqualTo(parameters);
        assertThat(new MlpParameters(parameters.shape(), changed).hashHex()).isNotEqualTo(parameters.hashHex());
        assertThat(MlpParameters.initial(MlpShape.of(4, 16, 3), 7).hashHex()).isEqualTo(parameters.hashHex());
        assertThat(MlpParameters.initial(MlpShape.of(4, 16, 3), 8).hashHex()).isNotEqualTo(parameters.hashHex());
        assertThatThrownBy(() -> MlpParameters.fromCanonicalBytes(Arrays.copyOf(parameters.canonicalBytes(), 40)))
                .hasMessageContaining("needs 131 parameters");
    }

    @Test
    void theReferenceRunClassifiesTheHeldOutIrisesAsTheReadmeSays() {
        LabelledDataset iris = IrisDataset.load();
        MlpParameters trained = IrisDataset.referencePlan(200).trainLocally(iris.training(), new CpuShardGradients());

        assertThat(new Classifier(trained).correct(iris.heldOut())).isEqualTo(29);
        assertThat(new Classifier(trained).correct(iris.training())).isEqualTo(115);
        assertThat(trained.hashHex()).isEqualTo(README_HASH);
    }

    /** The hash the README quotes for the reference run: any change of arithmetic, data or order changes it. */
    private static final String README_HASH = "035247fa94730b816cbe4166707f6eaa374d2b63f15f6c5b6f203e6cec6c9007";
}
