package dev.neurite.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScalerTest {

    /** Float64 results against hand-computed values. */
    static final double F64_TOLERANCE = 1e-12;
    /** Float32 results (relative to values of order 1). */
    static final double F32_TOLERANCE = 1e-5;

    // columns: spread values, a constant, spread values with another mean
    static final double[] TRAIN = {1, 10, 5, 3, 10, 7, 5, 10, 9};
    static final double[] TEST = {7, 12, 5};
    static final double SD = Math.sqrt(8.0 / 3.0); // population std of {1, 3, 5} and of {5, 7, 9}

    static Tensor f64(double[] values, int rows, int cols) {
        return Tensor.of(values, rows, cols);
    }

    @Test
    void standardScalerMatchesHandComputedValues() {
        StandardScaler scaler = new StandardScaler().fit(f64(TRAIN, 3, 3));
        assertArrayEquals(new double[] {3, 10, 7}, scaler.mean(), F64_TOLERANCE);
        assertArrayEquals(new double[] {SD, 1, SD}, scaler.std(), F64_TOLERANCE); // zero std becomes 1
        double a = 2 / SD;
        assertArrayEquals(new double[] {-a, 0, -a, 0, 0, 0, a, 0, a},
                scaler.transform(f64(TRAIN, 3, 3)).toDoubleArray(), F64_TOLERANCE);
        // test rows use the training statistics: they are not centred on their own mean
        assertArrayEquals(new double[] {4 / SD, 2, -2 / SD}, scaler.transform(f64(TEST, 1, 3)).toDoubleArray(),
                F64_TOLERANCE);
        assertArrayEquals(new double[] {3, 10, 7}, scaler.mean(), F64_TOLERANCE);
    }

    @Test
    void minMaxScalerMatchesHandComputedValues() {
        MinMaxScaler scaler = new MinMaxScaler().fit(f64(TRAIN, 3, 3));
        assertArrayEquals(new double[] {1, 10, 5}, scaler.min(), F64_TOLERANCE);
        assertArrayEquals(new double[] {5, 10, 9}, scaler.max(), F64_TOLERANCE);
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 0, 0.5, 1, 0, 1},
                scaler.transform(f64(TRAIN, 3, 3)).toDoubleArray(), F64_TOLERANCE); // constant column -> 0
        // outside the training range, no clipping; the constant column shifts by its minimum
        assertArrayEquals(new double[] {1.5, 2, 0}, scaler.transform(f64(TEST, 1, 3)).toDoubleArray(), F64_TOLERANCE);
    }

    @Test
    void fitTransformInPlaceAndInverse() {
        Tensor x = f64(TRAIN, 3, 3);
        Scaler scaler = new StandardScaler();
        Tensor y = scaler.fitTransform(x);
        Tensor back = scaler.inverseTransform(y);
        assertArrayEquals(TRAIN, back.toDoubleArray(), F64_TOLERANCE);
        scaler.transform(x, x); // out may be in
        assertArrayEquals(y.toDoubleArray(), x.toDoubleArray(), F64_TOLERANCE);
    }

    @Test
    void largeFloat32DataIsStandardisedAcrossBlocks() {
        int rows = 5000; // several blocks of rows
        int cols = 7;
        float[] values = new float[rows * cols];
        Random random = new Random(4);
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) (100 + 3 * (k % cols) * random.nextGaussian());
        }
        Tensor x = Tensor.of(values, rows, cols);
        Tensor z = new StandardScaler().fitTransform(x);
        assertEquals(DType.F32, z.dtype());
        float[] out = z.toFloatArray();
        for (int j = 1; j < cols; j++) {
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < rows; i++) {
                sum += out[i * cols + j];
                sumSq += out[i * cols + j] * (double) out[i * cols + j];
            }
            assertEquals(0, sum / rows, F32_TOLERANCE, "mean of column " + j);
            assertEquals(1, sumSq / rows, F32_TOLERANCE * 10, "variance of column " + j);
        }
        x.close();
    }

    @Test
    void stateRoundTripRebuildsTheSameScaler() {
        Tensor train = f64(TRAIN, 3, 3);
        Tensor test = f64(TEST, 1, 3);
        for (Scaler scaler : new Scaler[] {new StandardScaler().fit(train), new MinMaxScaler().fit(train)}) {
            Map<String, double[]> state = scaler.state();
            Scaler rebuilt = Scaler.fromState(scaler.typeName(), state);
            assertEquals(scaler.getClass(), rebuilt.getClass());
            assertArrayEquals(scaler.transform(test).toDoubleArray(), rebuilt.transform(test).toDoubleArray(), 0.0);
            state.values().forEach(v -> v[0] = 1e9); // state() hands out copies
            assertArrayEquals(scaler.transform(test).toDoubleArray(), rebuilt.transform(test).toDoubleArray(), 0.0);
        }
        assertTrue(new StandardScaler().fit(train).state().keySet().containsAll(java.util.List.of("mean", "std")));
    }

    @Test
    void badUseIsAClearError() {
        StandardScaler unfitted = new StandardScaler();
        IllegalStateException notFitted = assertThrows(IllegalStateException.class,
                () -> unfitted.transform(f64(TEST, 1, 3)));
        assertTrue(notFitted.getMessage().contains("not fitted"), notFitted.getMessage());
        StandardScaler fitted = new StandardScaler().fit(f64(TRAIN, 3, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fitted.transform(f64(new double[] {1, 2}, 1, 2)));
        assertTrue(e.getMessage().contains("fitted to 3 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MinMaxScaler().fit(f64(new double[] {1, Double.NaN}, 2, 1)));
        assertTrue(e.getMessage().contains("column 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Scaler.fromState("standard", Map.of("mean", new double[] {0}, "std", new double[] {0})));
        assertTrue(e.getMessage().contains("column 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Scaler.fromState("minmax", Map.of("min", new double[] {0})));
        assertTrue(e.getMessage().contains("'max'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scaler.fromState("robust", Map.of()));
    }

    @Test
    void imputerAndOneHot() {
        Tensor train = f64(new double[] {1, Double.NaN, 3, 4, Double.NaN, 8}, 3, 2);
        SimpleImputer imputer = SimpleImputer.mean().fit(train);
        assertArrayEquals(new double[] {2, 6}, imputer.fillValues(), F64_TOLERANCE);
        Tensor test = f64(new double[] {Double.NaN, Double.NaN}, 1, 2);
        assertArrayEquals(new double[] {2, 6}, imputer.transform(test).toDoubleArray(), F64_TOLERANCE);
        SimpleImputer rebuilt = SimpleImputer.fromState(imputer.state());
        assertArrayEquals(imputer.fillValues(), rebuilt.fillValues(), 0.0);
        assertArrayEquals(new double[] {0, 0}, SimpleImputer.constant(0).transform(test).toDoubleArray(), 0.0);
        assertThrows(IllegalStateException.class, () -> SimpleImputer.mean().transform(test));

        Tensor labels = Tensor.of(new float[] {2, 0, 1}, 3, 1);
        Tensor oneHot = OneHot.encode(labels, 3);
        assertSame(DType.F32, oneHot.dtype());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, oneHot.toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneHot.encode(Tensor.of(new float[] {0, 3}, 2, 1), 3));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("0..2"), e.getMessage());
    }
}
