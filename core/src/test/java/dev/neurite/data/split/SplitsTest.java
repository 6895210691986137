package dev.neurite.data.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Dataset;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** Every index 0..n-1 appears exactly once in the concatenation of {@code parts}. */
    static void assertPartition(int n, int[]... parts) {
        int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(IntStream.range(0, n).toArray(), all);
    }

    @Test
    void holdOutPartitionsAllRowsInTheGivenProportions() {
        HoldOut split = Splits.holdOut(103, 0.7, 0.15, 0.15, 42);
        assertEquals(72, split.train().length); // round(72.1)
        assertEquals(16, split.validation().length); // round(87.55) - 72
        assertEquals(15, split.test().length);
        assertPartition(103, split.train(), split.validation(), split.test());
        assertArrayEquals(split.train(), Splits.holdOut(103, 0.7, 0.15, 0.15, 42).train(), "same seed, same split");
        assertNotEquals(Arrays.toString(split.train()),
                Arrays.toString(Splits.holdOut(103, 0.7, 0.15, 0.15, 43).train()));
        assertEquals(0, Splits.holdOut(10, 0.8, 0.2, 0, 1).test().length);
        assertThrows(IllegalArgumentException.class, () -> Splits.holdOut(10, 0.8, 0.3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.holdOut(10, 1.2, -0.2, 0, 1));
    }

    @Test
    void kFoldValidatesEveryIndexExactlyOnce() {
        int n = 23;
        for (KFold kFold : List.of(new KFold(5), new KFold(5, true, 7))) {
            List<Fold> folds = kFold.split(n);
            assertEquals(5, folds.size());
            int[][] validations = folds.stream().map(Fold::validation).toArray(int[][]::new);
            assertPartition(n, validations);
            for (Fold fold : folds) {
                assertPartition(n, fold.train(), fold.validation()); // disjoint, together all rows
                assertTrue(fold.validation().length == 4 || fold.validation().length == 5, fold.toString());
            }
        }
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, new KFold(5).split(n).get(0).validation());
        assertThrows(IllegalArgumentException.class, () -> new KFold(1));
        assertThrows(IllegalArgumentException.class, () -> new KFold(5).split(4));
    }

    @Test
    void stratifiedFoldsKeepEveryClassWithinOneOfItsShare() {
        // imbalanced: 60 / 25 / 9 / 3 rows, interleaved
        int[] counts = {60, 25, 9, 3};
        int[] labels = new int[Arrays.stream(counts).sum()];
        int[] left = counts.clone();
        for (int i = 0, c = 0; i < labels.length; c = (c + 1) % counts.length) {
            if (left[c] > 0) {
                labels[i++] = c;
                left[c]--;
            }
        }
        int k = 4;
        Tensor y = Tensor.managed(DType.F32, labels.length, 1);
        y.copyFrom(Arrays.stream(labels).asDoubleStream().toArray());
        Dataset data = new Dataset(Tensor.managed(DType.F32, labels.length, 2), y);
        List<Fold> folds = new StratifiedKFold(k, 3).split(data);
        assertPartition(labels.length, folds.stream().map(Fold::validation).toArray(int[][]::new));
        for (Fold fold : folds) {
            assertPartition(labels.length, fold.train(), fold.validation());
            int[] inFold = new int[counts.length];
            for (int i : fold.validation()) {
                inFold[labels[i]]++;
            }
            for (int c = 0; c < counts.length; c++) {
                double share = counts[c] / (double) k;
                assertTrue(Math.abs(inFold[c] - share) <= 1, "fold " + fold.number() + " has " + inFold[c]
                        + " of class " + c + ", share " + share);
            }
            assertTrue(Math.abs(fold.validation().length - labels.length / (double) k) <= 1, fold.toString());
        }
        assertThrows(IllegalArgumentException.class,
                () -> new StratifiedKFold(2, 0).split(new Dataset(Tensor.managed(DType.F32, 3, 1),
                        Tensor.of(new float[] {0, 0.5f, 1}, 3, 1))));
    }

    @Test
    void timeSeriesSplitNeverTrainsOnTheFuture() {
        int n = 22;
        List<Fold> folds = new TimeSeriesSplit(4).split(n);
        assertEquals(4, folds.size());
        int previousTrain = 0;
        for (Fold fold : folds) {
            int lastTrain = Arrays.stream(fold.train()).max().orElseThrow();
            int firstValidation = Arrays.stream(fold.validation()).min().orElseThrow();
            assertTrue(lastTrain < firstValidation, fold + " trains on row " + lastTrain
                    + " after validating from " + firstValidation);
            assertEquals(firstValidation, fold.train().length, "training is all history before validation");
            assertEquals(4, fold.validation().length); // 22 / (4 + 1)
            assertTrue(fold.train().length > previousTrain, "the window expands");
            previousTrain = fold.train().length;
        }
        assertEquals(n - 1, folds.getLast().validation()[3], "the last split validates on the last rows");
        assertThrows(IllegalArgumentException.class, () -> new TimeSeriesSplit(4).split(4));
    }

    @Test
    void crossValidationReportsMeanAndSampleStd() {
        List<Fold> folds = new KFold(4).split(8);
        // metric = first validation index: 0, 2, 4, 6 -> mean 3, sample std sqrt(20/3)
        CrossValidationResult result = CrossValidation.run(folds, (train, validation) ->
                java.util.Map.of("first", (double) validation[0], "size", (double) train.length));
        assertEquals(3, result.mean("first"), 1e-12);
        assertEquals(Math.sqrt(20.0 / 3.0), result.std("first"), 1e-12);
        assertEquals(6, result.mean("size"), 1e-12);
        assertEquals(0, result.std("size"), 1e-12);
        assertEquals(4, result.folds().size());
        assertTrue(result.summary().contains("ddof=1"), result.summary());
        assertThrows(IllegalArgumentException.class, () -> result.mean("loss"));
        assertThrows(IllegalStateException.class, () -> CrossValidation.run(folds, (train, validation) ->
                validation[0] == 0 ? java.util.Map.of("a", 1.0) : java.util.Map.of("b", 1.0)));
    }
}
