package dev.neurite.kernel.opencl;

import static dev.neurite.kernel.opencl.RowTestData.assertClose;
import static dev.neurite.kernel.opencl.RowTestData.assertIdentical;
import static dev.neurite.kernel.opencl.RowTestData.get;
import static dev.neurite.kernel.opencl.RowTestData.span;
import static dev.neurite.kernel.opencl.RowTestData.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.kernel.RowReduction;
import dev.neurite.kernel.opencl.RowTestData.RowKind;
import dev.neurite.kernel.scalar.ScalarKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Device softmax, log-softmax, cross-entropy, row reductions and arg-max against ScalarKernels. */
class OpenClRowOpsTest {

    /**
     * Float, relative: the device's float exp (at most 3 ulp in OpenCL) and a float sum of at most
     * 4098 exponentials (16 sequential per work-item, then 8 tree levels), against the reference in
     * double; 1e-5 is about 80 unit roundoffs, several times the worst case.
     */
    private static final double F32_REL = 1e-5;
    /** Double, relative: the same error budget at double's unit roundoff (1.1e-16). */
    private static final double F64_REL = 1e-12;
    /**
     * Row sums, relative to the sum of magnitudes: the device adds in tree order in the buffer's
     * precision (under 30 roundings for 4098 columns) where the reference adds in double.
     */
    private static final double F32_SUM_REL = 1e-5;
    private static final double F64_SUM_REL = 1e-12;
    /** Shapes rows x cols: lanes (8) +-1, long rows (more columns than work-items), many short rows. */
    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {4, 8}, {2, 9}, {4, 16}, {3, 17}, {7, 13}, {5, 207},
        {3, 702}, {2, 1024}, {1, 4098}, {300, 10}, {1000, 3}};
    /** {x offset, x row gap, out offset, out row gap}: contiguous, then both offset and padded. */
    private static final int[][] LAYOUTS = {{0, 0, 0, 0}, {3, 5, 2, 3}};
    private static final ClType[] PRECISIONS = {ClType.FLOAT32, ClType.FLOAT64};
    /** Sentinel outside the output views, which must come back untouched. */
    private static final double GAP = 1234.5;

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

    /** One input case: precision, shape, layout and row kind, with its own seeded data. */
    private interface Case {
        void run(ClType t, int rows, int cols, int[] layout, RowKind kind, RowTestData data, String what);
    }

    private static void forEachCase(Case body) {
        long seed = 20261124;
        for (ClType t : PRECISIONS) {
            for (int[] shape : SHAPES) {
                for (int[] layout : LAYOUTS) {
                    for (RowKind kind : RowKind.values()) {
                        try (Arena arena = Arena.ofConfined()) {
                            String what = t + " " + shape[0] + "x" + shape[1] + " layout " + layout[0] + "/"
                                    + layout[1] + "/" + layout[2] + "/" + layout[3] + " " + kind;
                            body.run(t, shape[0], shape[1], layout, kind, new RowTestData(arena, seed++), what);
                        }
                    }
                }
            }
        }
    }

    private static double rel(ClType t) {
        return t == ClType.FLOAT32 ? F32_REL : F64_REL;
    }

    /** Below the smallest normal number a device may flush where the reference rounds. */
    private static double underflow(ClType t) {
        return t == ClType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    }

    @Test
    void softmaxRowsMatchesScalar() {
        forEachCase((t, rows, cols, layout, kind, data, what) -> checkRowToRow(false, t, rows, cols, layout,
                kind, data, "softmaxRows " + what));
    }

    @Test
    void logSoftmaxRowsMatchesScalar() {
        forEachCase((t, rows, cols, layout, kind, data, what) -> checkRowToRow(true, t, rows, cols, layout,
                kind, data, "logSoftmaxRows " + what));
    }

    private void checkRowToRow(boolean log, ClType t, int rows, int cols, int[] layout, RowKind kind,
                               RowTestData data, String what) {
        long xOff = layout[0];
        long ldx = cols + layout[1];
        long outOff = layout[2];
        long ldOut = cols + layout[3];
        MemorySegment x = data.matrix(t, kind, xOff, ldx, rows, cols);
        long outLength = span(outOff, ldOut, rows, cols);
        MemorySegment expected = data.filled(t, outLength, GAP);
        if (t == ClType.FLOAT32) {
            if (log) {
                SCALAR.logSoftmaxRowsF32(expected, outOff, ldOut, x, xOff, ldx, rows, cols);
            } else {
                SCALAR.softmaxRowsF32(expected, outOff, ldOut, x, xOff, ldx, rows, cols);
            }
        } else if (log) {
            SCALAR.logSoftmaxRowsF64(expected, outOff, ldOut, x, xOff, ldx, rows, cols);
        } else {
            SCALAR.softmaxRowsF64(expected, outOff, ldOut, x, xOff, ldx, rows, cols);
        }
        try (OpenClBuffer dx = upload(context, t, x, span(xOff, ldx, rows, cols));
             OpenClBuffer dOut = upload(context, t, data.filled(t, outLength, GAP), outLength)) {
            if (log) {
                ops.logSoftmaxRows(dOut, outOff, ldOut, dx, xOff, ldx, rows, cols);
            } else {
                ops.softmaxRows(dOut, outOff, ldOut, dx, xOff, ldx, rows, cols);
            }
            MemorySegment actual = data.download(dOut);
            // log-softmax is a difference of terms near |result| and log(cols): errors scale with |result| + 1
            compareMatrix(t, expected, actual, outOff, ldOut, rows, cols, what,
                    (e, i, j) -> log ? rel(t) * (Math.abs(e) + 1) : rel(t) * Math.abs(e) + underflow(t));
        }
    }

    @Test
    void softmaxRowsInPlace() {
        try (Arena arena = Arena.ofConfined()) {
            RowTestData data = new RowTestData(arena, 7);
            for (ClType t : PRECISIONS) {
                for (int[] shape : SHAPES) {
                    int rows = shape[0];
                    int cols = shape[1];
                    long ld = cols + 2;
                    MemorySegment x = data.matrix(t, RowKind.LARGE, 1, ld, rows, cols);
                    long length = span(1, ld, rows, cols);
                    MemorySegment expected = data.filled(t, length, 0);
                    MemorySegment.copy(x, 0, expected, 0, length * t.bytes());
                    if (t == ClType.FLOAT32) {
                        SCALAR.softmaxRowsF32(expected, 1, ld, expected, 1, ld, rows, cols);
                    } else {
                        SCALAR.softmaxRowsF64(expected, 1, ld, expected, 1, ld, rows, cols);
                    }
                    try (OpenClBuffer dx = upload(context, t, x, length)) {
                        ops.softmaxRows(dx, 1, ld, dx, 1, ld, rows, cols);
                        compareMatrix(t, expected, data.download(dx), 1, ld, rows, cols,
                                "softmaxRows in place " + t + " " + rows + "x" + cols,
                                (e, i, j) -> rel(t) * Math.abs(e) + underflow(t));
                    }
                }
            }
        }
    }

    @Test
    void softmaxCrossEntropyMatchesScalar() {
        forEachCase(this::checkCrossEntropy);
    }

    private void checkCrossEntropy(ClType t, int rows, int cols, int[] layout, RowKind kind, RowTestData data,
                                   String what) {
        what = "softmaxCrossEntropy " + what;
        long zOff = layout[0];
        long ldz = cols + layout[1];
        long dOff = layout[2];
        long ldd = cols + layout[3];
        long labelsOff = layout[0];
        long lossOff = layout[2];
        double scale = layout[1] == 0 ? 1.0 / rows : -0.75;
        MemorySegment z = data.matrix(t, kind, zOff, ldz, rows, cols);
        int[] labels = new int[rows];
        MemorySegment labelsHost = data.filled(ClType.INT32, labelsOff + rows, -7);
        for (int i = 0; i < rows; i++) {
            labels[i] = data.random().nextInt(cols);
            RowTestData.set(labelsHost, ClType.INT32, labelsOff + i, labels[i]);
        }
        long dLength = span(dOff, ldd, rows, cols);
        long lossLength = lossOff + rows + 2;
        MemorySegment expectedD = data.filled(t, dLength, GAP);
        MemorySegment expectedLoss = data.filled(t, lossLength, GAP);
        for (int i = 0; i < rows; i++) {
            // one row at a time, for the per-row loss the device writes
            double loss = t == ClType.FLOAT32
                    ? SCALAR.softmaxCrossEntropyF32(expectedD, dOff + i * ldd, ldd, z, zOff + i * ldz, ldz, labels,
                            i, 1, cols, (float) scale)
                    : SCALAR.softmaxCrossEntropyF64(expectedD, dOff + i * ldd, ldd, z, zOff + i * ldz, ldz, labels,
                            i, 1, cols, scale);
            RowTestData.set(expectedLoss, t, lossOff + i, loss);
        }
        try (OpenClBuffer dz = upload(context, t, z, span(zOff, ldz, rows, cols));
             OpenClBuffer dLabels = upload(context, ClType.INT32, labelsHost, labelsOff + rows);
             OpenClBuffer dD = upload(context, t, data.filled(t, dLength, GAP), dLength);
             OpenClBuffer dLoss = upload(context, t, data.filled(t, lossLength, GAP), lossLength)) {
            ops.softmaxCrossEntropy(dD, dOff, ldd, dz, zOff, ldz, dLabels, labelsOff, rows, cols, scale, dLoss,
                    lossOff);
            double r = rel(t);
            // the label's gradient is scale * (p - 1), a cancellation: its error scales with |scale|
            compareMatrix(t, expectedD, data.download(dD), dOff, ldd, rows, cols, what + " dZ",
                    (e, i, j) -> r * Math.abs(e) + underflow(t) + (j == labels[(int) i] ? r * Math.abs(scale) : 0));
            MemorySegment actualLoss = data.download(dLoss);
            for (long k = 0; k < lossLength; k++) {
                double e = get(expectedLoss, t, k);
                double a = get(actualLoss, t, k);
                if (k >= lossOff && k < lossOff + rows) {
                    // the reference forms max + log(sum) before subtracting z[label], so it keeps only
                    // the bits of the loss that fit beside |max|: the tolerance grows with |max| too
                    double top = rowMaxMagnitude(z, t, zOff + (k - lossOff) * ldz, cols);
                    assertClose(e, a, r * (Math.abs(e) + top + 1), what + " loss[" + (k - lossOff) + "]");
                } else {
                    assertIdentical(e, a, what + " loss gap at " + k);
                }
            }
        }
    }

    /** The largest finite magnitude in a row. */
    private static double rowMaxMagnitude(MemorySegment x, ClType t, long at, int cols) {
        double top = 0;
        for (int j = 0; j < cols; j++) {
            double v = Math.abs(get(x, t, at + j));
            if (Double.isFinite(v)) {
                top = Math.max(top, v);
            }
        }
        return top;
    }

    @Test
    void softmaxCrossEntropyGivesNaNForALabelOutOfRange() {
        try (Arena arena = Arena.ofConfined()) {
            RowTestData data = new RowTestData(arena, 11);
            int rows = 3;
            int cols = 5;
            MemorySegment z = data.matrix(ClType.FLOAT32, RowKind.RANDOM, 0, cols, rows, cols);
            MemorySegment labels = data.filled(ClType.INT32, rows, 0);
            RowTestData.set(labels, ClType.INT32, 0, -1);
            RowTestData.set(labels, ClType.INT32, 1, 2);
            RowTestData.set(labels, ClType.INT32, 2, cols);
            try (OpenClBuffer dz = upload(context, ClType.FLOAT32, z, rows * cols);
                 OpenClBuffer dLabels = upload(context, ClType.INT32, labels, rows);
                 OpenClBuffer dD = context.buffer(ClType.FLOAT32, rows * cols);
                 OpenClBuffer dLoss = context.buffer(ClType.FLOAT32, rows)) {
                ops.softmaxCrossEntropy(dD, 0, cols, dz, 0, cols, dLabels, 0, rows, cols, 1.0, dLoss, 0);
                MemorySegment d = data.download(dD);
                MemorySegment loss = data.download(dLoss);
                for (int i = 0; i < rows; i++) {
                    boolean bad = i != 1;
                    assertEquals(bad, Double.isNaN(get(loss, ClType.FLOAT32, i)), "loss " + i + " NaN");
                    for (int j = 0; j < cols; j++) {
                        assertEquals(bad, Double.isNaN(get(d, ClType.FLOAT32, i * cols + j)), "dZ " + i + " NaN");
                    }
                }
            }
        }
    }

    @Test
    void rowReduceMatchesScalar() {
        for (RowReduction op : RowReduction.values()) {
            forEachCase((t, rows, cols, layout, kind, data, what) -> checkRowReduce(op, t, rows, cols, layout,
                    kind, data, "rowReduce " + op + " " + what));
        }
    }

    @Test
    void rowArgmaxMatchesScalar() {
        forEachCase((t, rows, cols, layout, kind, data, what) -> checkRowReduce(null, t, rows, cols, layout, kind,
                data, "rowArgmax " + what));
    }

    /** A row reduction ({@code op}), or arg-max when {@code op} is null, into a vector with gaps either side. */
    private void checkRowReduce(RowReduction op, ClType t, int rows, int cols, int[] layout, RowKind kind,
                                RowTestData data, String what) {
        long xOff = layout[0];
        long ldx = cols + layout[1];
        long outOff = layout[2];
        ClType outType = op == null ? ClType.INT32 : t;
        MemorySegment x = data.matrix(t, kind, xOff, ldx, rows, cols);
        long outLength = outOff + rows + 2;
        MemorySegment expected = data.filled(outType, outLength, GAP);
        if (op == null) {
            if (t == ClType.FLOAT32) {
                SCALAR.rowArgmaxF32(expected, outOff, x, xOff, ldx, rows, cols);
            } else {
                SCALAR.rowArgmaxF64(expected, outOff, x, xOff, ldx, rows, cols);
            }
        } else if (t == ClType.FLOAT32) {
            SCALAR.rowReduceF32(op, expected, outOff, x, xOff, ldx, rows, cols);
        } else {
            SCALAR.rowReduceF64(op, expected, outOff, x, xOff, ldx, rows, cols);
        }
        try (OpenClBuffer dx = upload(context, t, x, span(xOff, ldx, rows, cols));
             OpenClBuffer dOut = upload(context, outType, data.filled(outType, outLength, GAP), outLength)) {
            if (op == null) {
                ops.rowArgmax(dOut, outOff, dx, xOff, ldx, rows, cols);
            } else {
                ops.rowReduce(op, dOut, outOff, dx, xOff, ldx, rows, cols);
            }
            MemorySegment actual = data.download(dOut);
            for (long k = 0; k < outLength; k++) {
                double e = get(expected, outType, k);
                double a = get(actual, outType, k);
                long i = k - outOff;
                if (op == RowReduction.SUM && i >= 0 && i < rows) {
                    double magnitude = 0;
                    for (int j = 0; j < cols; j++) {
                        magnitude += Math.abs(get(x, t, xOff + i * ldx + j));
                    }
                    double r = t == ClType.FLOAT32 ? F32_SUM_REL : F64_SUM_REL;
                    assertClose(e, a, r * magnitude, what + " row " + i);
                } else {
                    // maxima and indices are exact; so are the gaps
                    assertIdentical(e, a, what + (i >= 0 && i < rows ? " row " + i : " gap at " + k));
                }
            }
        }
    }

    @Test
    void emptyShapesEnqueueNothingOrWriteTheEmptyRowValue() {
        try (Arena arena = Arena.ofConfined()) {
            RowTestData data = new RowTestData(arena, 3);
            for (ClType t : PRECISIONS) {
                try (OpenClBuffer x = upload(context, t, data.filled(t, 1, Double.NaN), 1);
                     OpenClBuffer out = upload(context, t, data.filled(t, 4, GAP), 4);
                     OpenClBuffer index = upload(context, ClType.INT32, data.filled(ClType.INT32, 4, 99), 4);
                     OpenClBuffer labels = upload(context, ClType.INT32, data.filled(ClType.INT32, 1, 0), 1)) {
                    ops.softmaxRows(out, 0, 0, x, 0, 0, 3, 0);
                    ops.logSoftmaxRows(out, 0, 2, x, 0, 2, 0, 2);
                    ops.softmaxCrossEntropy(out, 0, 2, x, 0, 2, labels, 0, 0, 2, 1.0, out, 0);
                    ops.rowReduce(RowReduction.SUM, out, 0, x, 0, 5, 0, 5);
                    MemorySegment untouched = data.download(out);
                    for (int k = 0; k < 4; k++) {
                        assertIdentical(GAP, get(untouched, t, k), t + " nothing written at " + k);
                    }
                    // rows of no columns still have a sum (0), a maximum (-inf) and an arg-max (0)
                    ops.rowReduce(RowReduction.SUM, out, 0, x, 0, 0, 2, 0);
                    ops.rowReduce(RowReduction.MAX, out, 2, x, 0, 0, 1, 0);
                    ops.rowArgmax(index, 1, x, 0, 0, 2, 0);
                    MemorySegment reduced = data.download(out);
                    MemorySegment indices = data.download(index);
                    double[] want = {0, 0, Double.NEGATIVE_INFINITY, GAP};
                    double[] wantIndex = {99, 0, 0, 99};
                    for (int k = 0; k < 4; k++) {
                        assertIdentical(want[k], get(reduced, t, k), t + " empty-row reduction at " + k);
                        assertIdentical(wantIndex[k], get(indices, ClType.INT32, k), t + " empty-row arg-max at " + k);
                    }
                    assertThrows(IllegalArgumentException.class,
                            () -> ops.softmaxCrossEntropy(out, 0, 0, x, 0, 0, labels, 0, 1, 0, 1.0, out, 0));
                }
            }
        }
    }

    @Test
    void rejectsWrongTypesAndViewsOutsideTheBuffer() {
        try (OpenClBuffer x = context.buffer(ClType.FLOAT32, 12);
             OpenClBuffer x64 = context.buffer(ClType.FLOAT64, 12);
             OpenClBuffer ints = context.buffer(ClType.INT32, 12)) {
            assertThrows(IllegalArgumentException.class, () -> ops.softmaxRows(x64, 0, 4, x, 0, 4, 3, 4));
            assertThrows(IllegalArgumentException.class, () -> ops.softmaxRows(x, 0, 4, ints, 0, 4, 3, 4));
            assertThrows(IllegalArgumentException.class, () -> ops.softmaxRows(x, 1, 4, x, 0, 4, 3, 4));
            assertThrows(IllegalArgumentException.class, () -> ops.logSoftmaxRows(x, 0, 3, x, 0, 3, 3, 4));
            assertThrows(IllegalArgumentException.class, () -> ops.rowArgmax(x, 0, x, 0, 4, 3, 4));
            assertThrows(IllegalArgumentException.class, () -> ops.rowReduce(RowReduction.MAX, x, 10, x, 0, 4, 3, 4));
            assertThrows(IllegalArgumentException.class,
                    () -> ops.softmaxCrossEntropy(x, 0, 4, x, 0, 4, x, 0, 3, 4, 1.0, x, 0));
            assertThrows(IllegalArgumentException.class, () -> ops.sum(ints, 0, x, 0, 12));
            assertThrows(IllegalArgumentException.class, () -> ops.dot(x, 0, x, 0, x64, 0, 12));
            assertThrows(IllegalArgumentException.class, () -> ops.sumOfSquares(x, 0, x, 1, 12));
        }
    }

    /** A per-element tolerance from the expected value and column. */
    private interface Tolerance {
        double of(double expected, long row, long col);
    }

    /** The view must match within {@code tol}; everything outside it must be untouched. */
    private static void compareMatrix(ClType t, MemorySegment expected, MemorySegment actual, long off, long ld,
                                      int rows, int cols, String what, Tolerance tol) {
        long length = span(off, ld, rows, cols);
        for (long k = 0; k < length; k++) {
            double e = get(expected, t, k);
            double a = get(actual, t, k);
            long i = Math.floorDiv(k - off, ld);
            long j = Math.floorMod(k - off, ld);
            if (k >= off && i < rows && j < cols) {
                assertClose(e, a, tol.of(e, i, j), what + " at [" + i + ", " + j + "]");
            } else {
                assertIdentical(e, a, what + " gap at " + k);
            }
        }
    }
}
