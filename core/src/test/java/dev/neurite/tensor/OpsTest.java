package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.Activation;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public ops on every backend: hand-computed cases (so a mistake shared by all backends still
 * shows), views and transposes, and the validation at the edge.
 */
class OpsTest {

    /** float32 results of short hand-computed cases: a few ulps. */
    private static final float F32_TOL = 1e-6f;
    /** float32 sums over a few hundred terms against the float64 reference. */
    private static final double F32_SUM_TOL = 1e-4;

    private static Tensor random(Random r, int rows, int cols) {
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        return Tensor.of(data, rows, cols);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd", "blas"})
    void matmulHandComputed(String backend) {
        Ops ops = Ops.using(backend);
        try (Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
             Tensor b = Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 3, 2);
             Tensor c = Tensor.zeros(DType.F32, 2, 2)) {
            ops.matmul(c, a, b);
            // [1 2 3; 4 5 6] * [7 8; 9 10; 11 12] = [58 64; 139 154]
            assertArrayEquals(new float[] {58, 64, 139, 154}, c.toFloatArray(), F32_TOL);
            ops.gemm(c, 0.5, a, b, 2);
            assertArrayEquals(new float[] {145, 160, 347.5f, 385}, c.toFloatArray(), F32_TOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd", "blas"})
    void gemmOnTransposedViewsMatchesExplicitCopies(String backend) {
        Ops ops = Ops.using(backend);
        Random r = new Random(7);
        try (Tensor at = random(r, 37, 19); Tensor b = random(r, 37, 23); Tensor big = random(r, 30, 50)) {
            Tensor a = at.transpose();                    // 19x37, stored transposed
            Tensor bView = big.slice(3, 26, 5, 42).transpose().transpose(); // 23x37 strided view
            Tensor expected = Tensor.managed(DType.F32, 19, 23);
            Ops.using("scalar").matmul(expected, a.copy(), b.copy());
            Tensor got = Tensor.managed(DType.F32, 19, 23);
            ops.matmul(got, a, b);
            assertArrayEquals(expected.toFloatArray(), got.toFloatArray(), (float) F32_SUM_TOL);
            // a product written into a transposed output view
            Tensor outT = Tensor.managed(DType.F32, 23, 19);
            ops.matmul(outT.transpose(), a, b);
            assertArrayEquals(expected.toFloatArray(), outT.transpose().toFloatArray(), (float) F32_SUM_TOL);
            // operands that are slices with a leading dimension larger than their width
            Tensor c2 = Tensor.managed(DType.F32, 23, 23);
            Tensor ref2 = Tensor.managed(DType.F32, 23, 23);
            ops.gemm(c2, 1, bView, bView.transpose(), 0);
            Ops.using("scalar").gemm(ref2, 1, bView.copy(), bView.copy().transpose().copy(), 0);
            assertArrayEquals(ref2.toFloatArray(), c2.toFloatArray(), (float) F32_SUM_TOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd", "blas"})
    void gemvAndFloat64(String backend) {
        Ops ops = Ops.using(backend);
        try (Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
             Tensor x = Tensor.of(new double[] {1, 0, -1}, 3, 1);
             Tensor y = Tensor.of(new double[] {10, 20}, 1, 2);
             Tensor yt = Tensor.zeros(DType.F64, 1, 3)) {
            ops.gemv(y, 1, a, x, 1);
            assertArrayEquals(new double[] {8, 18}, y.toDoubleArray(), 0);
            ops.gemv(yt, 2, a.transpose(), y, 0); // a^T y = [8+72, 16+90, 24+108]
            assertArrayEquals(new double[] {160, 212, 264}, yt.toDoubleArray(), 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd", "blas"})
    void elementwiseOnViewsAndAliases(String backend) {
        Ops ops = Ops.using(backend);
        try (Tensor m = Tensor.of(new float[] {1, -2, 3, -4, 5, -6, 7, -8}, 2, 4)) {
            Tensor left = m.columns(0, 2);
            Tensor right = m.columns(2, 4);
            Tensor sum = Tensor.managed(DType.F32, 2, 2);
            ops.add(sum, left, right);
            assertArrayEquals(new float[] {4, -6, 12, -14}, sum.toFloatArray(), F32_TOL);
            ops.mul(sum, sum, left.transpose().transpose()); // exact alias of the output
            assertArrayEquals(new float[] {4, 12, 60, 84}, sum.toFloatArray(), F32_TOL);
            Tensor t = Tensor.managed(DType.F32, 2, 2);
            ops.sub(t, left.transpose(), right.transpose()); // column-major views
            assertArrayEquals(new float[] {-2, -2, 2, 2}, t.toFloatArray(), F32_TOL);
            ops.relu(m, m); // in place
            assertArrayEquals(new float[] {1, 0, 3, 0, 5, 0, 7, 0}, m.toFloatArray(), 0);
            ops.axpy(t, 0.5, sum.transpose()); // mixed layouts: copied through
            assertArrayEquals(new float[] {0, 28, 8, 44}, t.toFloatArray(), F32_TOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd", "blas"})
    void rowOpsHandComputed(String backend) {
        Ops ops = Ops.using(backend);
        try (Tensor x = Tensor.of(new float[] {1, 2, 3, 0, 0, 0}, 2, 3);
             Tensor bias = Tensor.of(new float[] {10, 20, 30}, 1, 3);
             Tensor out = Tensor.zeros(DType.F32, 2, 3);
             Tensor colSums = Tensor.zeros(DType.F32, 1, 3);
             Tensor rowSums = Tensor.zeros(DType.F32, 2, 1)) {
            ops.addRowVector(out, x, bias);
            assertArrayEquals(new float[] {11, 22, 33, 10, 20, 30}, out.toFloatArray(), 0);
            ops.columnSums(colSums, out);
            assertArrayEquals(new float[] {21, 42, 63}, colSums.toFloatArray(), 0);
            ops.rowSums(rowSums, out);
            assertArrayEquals(new float[] {66, 60}, rowSums.toFloatArray(), 0);
            ops.softmaxRows(out, x);
            double e = Math.E;
            double z = e + e * e + e * e * e;
            assertArrayEquals(new float[] {(float) (e / z), (float) (e * e / z), (float) (e * e * e / z),
                1 / 3f, 1 / 3f, 1 / 3f}, out.toFloatArray(), F32_TOL);
            assertArrayEquals(new int[] {2, 0}, ops.rowArgmax(x));
            ops.logSoftmaxRows(out, x);
            assertEquals((float) (3 - Math.log(z)), out.get(0, 2), F32_TOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd", "blas"})
    void softmaxStaysFiniteForHugeLogits(String backend) {
        Ops ops = Ops.using(backend);
        try (Tensor x = Tensor.of(new float[] {1e4f, -1e4f, 0, 1e4f, 1e4f, -1e4f}, 2, 3);
             Tensor p = Tensor.zeros(DType.F32, 2, 3)) {
            ops.softmaxRows(p, x);
            assertArrayEquals(new float[] {1, 0, 0, 0.5f, 0.5f, 0}, p.toFloatArray(), F32_TOL);
            ops.logSoftmaxRows(p, x);
            assertEquals(0f, p.get(0, 0), F32_TOL);
            assertEquals(-2e4f, p.get(0, 1), 1e-2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd", "blas"})
    void nanAndInfinityPropagate(String backend) {
        Ops ops = Ops.using(backend);
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        try (Tensor x = Tensor.of(new float[] {nan, inf, -inf, 1}, 1, 4);
             Tensor y = Tensor.zeros(DType.F32, 1, 4);
             Tensor eye = Tensor.of(new float[] {1, 0, 0, 1}, 2, 2);
             Tensor c = Tensor.zeros(DType.F32, 1, 2)) {
            ops.relu(y, x);
            assertArrayEquals(new float[] {nan, inf, 0, 1}, y.toFloatArray());
            ops.sigmoid(y, x);
            assertArrayEquals(new float[] {nan, 1, 0, (float) (1 / (1 + Math.exp(-1)))}, y.toFloatArray(), F32_TOL);
            ops.tanh(y, x);
            assertArrayEquals(new float[] {nan, 1, -1, (float) Math.tanh(1)}, y.toFloatArray(), F32_TOL);
            ops.exp(y, x);
            assertArrayEquals(new float[] {nan, inf, 0, (float) Math.E}, y.toFloatArray(), F32_TOL);
            ops.matmul(c, x.columns(0, 2), eye);
            assertTrue(Float.isNaN((float) c.get(0, 0)) && Float.isNaN((float) c.get(0, 1)),
                    "NaN times anything is NaN in a product");
            assertTrue(Double.isNaN(ops.sum(x)));
            assertTrue(Double.isNaN(ops.dot(x, x)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd", "blas"})
    void scalarReductions(String backend) {
        Ops ops = Ops.using(backend);
        Random r = new Random(3);
        try (Tensor a = random(r, 13, 31); Tensor b = random(r, 13, 31)) {
            double dot = 0;
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < 13; i++) {
                for (int j = 0; j < 31; j++) {
                    dot += a.get(i, j) * b.get(i, j);
                    sum += a.get(i, j);
                    sq += a.get(i, j) * a.get(i, j);
                }
            }
            assertEquals(dot, ops.dot(a, b), F32_SUM_TOL);
            assertEquals(sum, ops.sum(a), F32_SUM_TOL);
            assertEquals(sq, ops.sumOfSquares(a), F32_SUM_TOL * sq);
            assertEquals(sum, ops.sum(a.transpose()), F32_SUM_TOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd", "blas"})
    void activationBackwardUsesTheForwardOutput(String backend) {
        Ops ops = Ops.using(backend);
        try (Tensor x = Tensor.of(new double[] {-2, -0.5, 0, 0.5, 2}, 1, 5);
             Tensor y = Tensor.zeros(DType.F64, 1, 5);
             Tensor dY = Tensor.of(new double[] {1, 1, 1, 1, 1}, 1, 5);
             Tensor dX = Tensor.zeros(DType.F64, 1, 5)) {
            ops.activationForward(Activation.LEAKY_RELU, 0.1, y, x);
            assertArrayEquals(new double[] {-0.2, -0.05, 0, 0.5, 2}, y.toDoubleArray(), 1e-15);
            ops.activationBackward(Activation.LEAKY_RELU, 0.1, dX, dY, y);
            assertArrayEquals(new double[] {0.1, 0.1, 0.1, 1, 1}, dX.toDoubleArray(), 1e-15);
            ops.sigmoid(y, x);
            ops.activationBackward(Activation.SIGMOID, 0, dX, dY, y);
            for (int j = 0; j < 5; j++) {
                double s = 1 / (1 + Math.exp(-x.get(0, j)));
                assertEquals(s * (1 - s), dX.get(0, j), 1e-12);
            }
        }
    }
}
