package network.mmc.gpu.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fisher's Iris data (iris.csv beside this class; source and licence in iris-SOURCE.md). Each feature in centimetres
 * (one decimal) is scaled by 1/8 into Q16.16 exactly as ⌊tenths · 2^16 / 80⌋, so every value lies in [0, 1). Every
 * fifth row (row index ≡ 4 mod 5) is held out: 120 training and 30 held-out samples, 10 of each species held out.
 */
public final class IrisDataset {

    static final String RESOURCE = "iris.csv";
    public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");
    private static final int FEATURES = 4;

    private IrisDataset() {
    }

    /**
     * The run the README reports: a 4-16-3 MLP, seed 7, batches of 24, 200 steps (40 epochs), learning rate 1/4.
     * With fewer steps the same plan is a shorter run of the same kind, for tests.
     */
    public static TrainingPlan referencePlan(int steps) {
        return new TrainingPlan(MlpShape.of(4, 16, 3), 7, 24, steps, new SgdUpdate(1, 4));
    }

    public static LabelledDataset load() {
        try (InputStream in = IrisDataset.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gpu-tasks jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabelledDataset parse(List<String> lines) {
        List<int[]> rows = new ArrayList<>();
        for (int line = 1; line < lines.size(); line++) {
            String[] fields = lines.get(line).split(",");
            if (fields.length != FEATURES + 1) {
                throw new IllegalArgumentException(RESOURCE + " line " + (line + 1) + " has " + fields.length
                        + " fields, expected " + (FEATURES + 1));
            }
            int[] row = new int[FEATURES + 1];
            for (int f = 0; f < FEATURES; f++) {
                int tenths = new BigDecimal(fields[f]).movePointRight(1).intValueExact();
                row[f] = (int) Math.floorDiv((long) tenths * FixedPoint.ONE, 80);
            }
            row[FEATURES] = SPECIES.indexOf(fields[FEATURES]);
            if (row[FEATURES] < 0) {
                throw new IllegalArgumentException(RESOURCE + " line " + (line + 1) + ": unknown species "
                        + fields[FEATURES]);
            }
            rows.add(row);
        }
        List<int[]> training = new ArrayList<>();
        List<int[]> heldOut = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (i % 5 == 4 ? heldOut : training).add(rows.get(i));
        }
        return new LabelledDataset("iris", SPECIES, samples(training), samples(heldOut));
    }

    private static Samples samples(List<int[]> rows) {
        int[] features = new int[rows.size() * FEATURES];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, features, i * FEATURES, FEATURES);
            labels[i] = rows.get(i)[FEATURES];
        }
        return new Samples(FEATURES, SPECIES.size(), features, labels);
    }
}
