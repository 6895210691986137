package dev.neurite.kernel.opencl;

import static dev.neurite.kernel.opencl.RowTestData.assertClose;
import static dev.neurite.kernel.opencl.RowTestData.assertIdentical;
import static dev.neurite.kernel.opencl.RowTestData.get;
import static dev.neurite.kernel.opencl.RowTestData.set;
import static dev.neurite.kernel.opencl.RowTestData.upload;

import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Device sum, dot and sum of squares, left on the device, against ScalarKernels. */
class OpenClRowOpsSumTest {

    /**
     * Float, relative to the sum of the terms' magnitudes: the device adds in float, a few terms
     * per work-item then tree order (about 4 + 8 + 2 + 8 levels at a million elements), where the
     * reference adds in double; 1e-5 is about 80 unit roundoffs, several times that depth.
     */
    private static final double F32_REL = 1e-5;
    /** Double: the same depth at double's unit roundoff (1.1e-16). */
    private static final double F64_REL = 1e-12;
    /**
     * Lengths: empty, lanes (8) +-1 and 16 +-1, sizes below, at and above one work-group (256),
     * several groups, and a million (more groups than the partial-sum buffer: work-items loop).
     */
    private static final long[] SIZES = {0, 1, 7, 8, 9, 13, 16, 17, 207, 702, 1024, 4098, 1_000_003};
    private static final ClType[] PRECISIONS = {ClType.FLOAT32, ClType.FLOAT64};
    /** Sentinel beside the result, which must come back untouched. */
    private static final double GAP = 1234.5;
    private static final long X_OFF = 5;
    private static final long Y_OFF = 3;

    private static final ScalarKernels SCALAR = new ScalarKernels();
    private static OpenClContext context;
    private static OpenClRowOps ops;

    @BeforeAll
    static void openContext() {
        OpenClDevicesTest.devicesOrFail();
        context = OpenClContext.open();
        ops = new OpenClRowOps(context);
    }

    @AfterAll
    static void closeContext() {
        ops.close();
        context.close();
    }

    /**
     * All three reductions enqueued back to back into one result buffer (so they share the
     * partial-sum buffer in queue order), then read once.
     */
    @Test
    void sumDotAndSumOfSquaresMatchScalar() {
        long seed = 99;
        for (ClType t : PRECISIONS) {
            for (long n : SIZES) {
                try (Arena arena = Arena.ofConfined()) {
                    RowTestData data = new RowTestData(arena, seed++);
                    MemorySegment x = data.uniform(t, X_OFF + n);
                    MemorySegment y = data.uniform(t, Y_OFF + n);
                    for (long i = 0; i < X_OFF; i++) {
                        set(x, t, i, Double.NaN); // before the view: must not be read
                    }
                    check(t, n, x, y, data, t + " n=" + n);
                }
            }
        }
    }

    /** NaN and infinities anywhere in a long vector reach the result. */
    @Test
    void nanAndInfinitiesPropagate() {
        long n = 100_003;
        for (ClType t : PRECISIONS) {
            for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                try (Arena arena = Arena.ofConfined()) {
                    RowTestData data = new RowTestData(arena, 5);
                    MemorySegment x = data.uniform(t, X_OFF + n);
                    MemorySegment y = data.uniform(t, Y_OFF + n);
                    set(x, t, X_OFF + n - 2, special);
                    set(y, t, Y_OFF + n - 2, 1.0);
                    check(t, n, x, y, data, t + " with " + special);
                }
            }
        }
    }

    private void check(ClType t, long n, MemorySegment x, MemorySegment y, RowTestData data, String what) {
        double[] expected = new double[3];
        double[] magnitude = new double[3];
        if (t == ClType.FLOAT32) {
            expected[0] = SCALAR.sumF32(x, X_OFF, n);
            expected[1] = SCALAR.dotF32(x, X_OFF, y, Y_OFF, n);
            expected[2] = SCALAR.sumOfSquaresF32(x, X_OFF, n);
        } else {
            expected[0] = SCALAR.sumF64(x, X_OFF, n);
            expected[1] = SCALAR.dotF64(x, X_OFF, y, Y_OFF, n);
            expected[2] = SCALAR.sumOfSquaresF64(x, X_OFF, n);
        }
        for (long i = 0; i < n; i++) {
            double xi = get(x, t, X_OFF + i);
            magnitude[0] += Math.abs(xi);
            magnitude[1] += Math.abs(xi * get(y, t, Y_OFF + i));
            magnitude[2] += xi * xi;
        }
        // results at 1, 3 and 5; 0, 2, 4 and 6 are gaps
        int outLength = 7;
        try (OpenClBuffer dx = upload(context, t, x, X_OFF + n);
             OpenClBuffer dy = upload(context, t, y, Y_OFF + n);
             OpenClBuffer out = upload(context, t, data.filled(t, outLength, GAP), outLength)) {
            ops.sum(out, 1, dx, X_OFF, n);
            ops.dot(out, 3, dx, X_OFF, dy, Y_OFF, n);
            ops.sumOfSquares(out, 5, dx, X_OFF, n);
            MemorySegment actual = data.download(out);
            String[] names = {"sum", "dot", "sumOfSquares"};
            double rel = t == ClType.FLOAT32 ? F32_REL : F64_REL;
            for (int k = 0; k < outLength; k++) {
                double a = get(actual, t, k);
                if (k % 2 == 1) {
                    int r = k / 2;
                    assertClose(expected[r], a, rel * magnitude[r], names[r] + " " + what);
                } else {
                    assertIdentical(GAP, a, what + " gap at " + k);
                }
            }
        }
    }
}
