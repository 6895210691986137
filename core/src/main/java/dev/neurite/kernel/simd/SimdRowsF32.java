package dev.neurite.kernel.simd;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.neurite.kernel.RowReduction;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** Float row-major matrix kernels: bias add, column sums, softmax, row reductions, argmax. */
final class SimdRowsF32 {

    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;
    private static final int LANES = F.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdRowsF32() {
    }

    private static FloatVector load(MemorySegment s, long index) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER);
    }

    private static FloatVector load(MemorySegment s, long index, VectorMask<Float> m) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER, m);
    }

    static void addRowVector(MemorySegment out, long outOff, long ldOut, MemorySegment a, long aOff, long lda,
                             MemorySegment bias, long biasOff, long rowFrom, long rowTo, int cols) {
        for (long i = rowFrom; i < rowTo; i++) {
            SimdElementwiseF32.add(out, outOff + i * ldOut, a, aOff + i * lda, bias, biasOff, cols);
        }
    }

    /**
     * Column sums over blocks of four vectors of columns, each block summed down all rows in
     * registers: every loaded line is used in full and {@code out} is written once.
     */
    static void columnSums(MemorySegment out, long outOff, MemorySegment a, long aOff, long lda, int rows, int cols) {
        long step4 = 4L * LANES;
        long j = 0;
        for (; j + step4 <= cols; j += step4) {
            columnBlock4(out, outOff + j, a, aOff + j, lda, rows);
        }
        for (; j + LANES <= cols; j += LANES) {
            columnBlock1(out, outOff + j, a, aOff + j, lda, rows, F.maskAll(true));
        }
        if (j < cols) {
            columnBlock1(out, outOff + j, a, aOff + j, lda, rows, F.indexInRange(j, cols));
        }
    }

    private static void columnBlock4(MemorySegment out, long outOff, MemorySegment a, long aOff, long lda, int rows) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (long i = 0; i < rows; i++) {
            long r = aOff + i * lda;
            s0 = s0.add(load(a, r));
            s1 = s1.add(load(a, r + LANES));
            s2 = s2.add(load(a, r + 2 * LANES));
            s3 = s3.add(load(a, r + 3 * LANES));
        }
        s0.intoMemorySegment(out, outOff << 2, ORDER);
        s1.intoMemorySegment(out, (outOff + LANES) << 2, ORDER);
        s2.intoMemorySegment(out, (outOff + 2 * LANES) << 2, ORDER);
        s3.intoMemorySegment(out, (outOff + 3 * LANES) << 2, ORDER);
    }

    private static void columnBlock1(MemorySegment out, long outOff, MemorySegment a, long aOff, long lda, int rows,
                                     VectorMask<Float> m) {
        FloatVector s = FloatVector.zero(F);
        for (long i = 0; i < rows; i++) {
            s = s.add(load(a, aOff + i * lda, m));
        }
        s.intoMemorySegment(out, outOff << 2, ORDER, m);
    }

    static void softmax(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff, long ldx,
                        long rowFrom, long rowTo, int cols) {
        for (long i = rowFrom; i < rowTo; i++) {
            softmaxRow(out, outOff + i * ldOut, x, xOff + i * ldx, cols);
        }
    }

    /** Three passes: the row max, {@code out = exp(x - max)} with its sum, then {@code out *= 1 / sum}. */
    private static void softmaxRow(MemorySegment out, long or, MemorySegment x, long xr, long cols) {
        float max = SimdReductionsF32.max(x, xr, cols);
        float sum = expShiftedInto(out, or, x, xr, cols, max);
        // a NaN max makes every exp NaN, so the whole row comes out NaN
        SimdElementwiseF32.scale(out, or, 1f / sum, out, or, cols);
    }

    /** Writes {@code exp(x - shift)} to {@code out} (which may be {@code x}) and returns its sum. */
    private static float expShiftedInto(MemorySegment out, long or, MemorySegment x, long xr, long cols, float shift) {
        FloatVector acc = FloatVector.zero(F);
        long bound = F.loopBound(cols);
        long j = 0;
        for (; j < bound; j += LANES) {
            FloatVector e = SimdMathF32.exp(load(x, xr + j).sub(shift));
            e.intoMemorySegment(out, (or + j) << 2, ORDER);
            acc = acc.add(e);
        }
        if (j < cols) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            FloatVector e = SimdMathF32.exp(load(x, xr + j, m).sub(shift));
            e.intoMemorySegment(out, (or + j) << 2, ORDER, m);
            acc = acc.add(e, m);
        }
        return SimdLanes.sum(acc);
    }

    /** The sum of {@code exp(x - shift)} over a row. */
    private static float sumExpShifted(MemorySegment x, long xr, long cols, float shift) {
        FloatVector acc = FloatVector.zero(F);
        long bound = F.loopBound(cols);
        long j = 0;
        for (; j < bound; j += LANES) {
            acc = acc.add(SimdMathF32.exp(load(x, xr + j).sub(shift)));
        }
        if (j < cols) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            acc = acc.add(SimdMathF32.exp(load(x, xr + j, m).sub(shift)), m);
        }
        return SimdLanes.sum(acc);
    }

    static void logSoftmax(MemorySegment out, long outOff, long ldOut, MemorySegment x, long xOff, long ldx,
                           long rowFrom, long rowTo, int cols) {
        for (long i = rowFrom; i < rowTo; i++) {
            logSoftmaxRow(out, outOff + i * ldOut, x, xOff + i * ldx, cols);
        }
    }

    private static void logSoftmaxRow(MemorySegment out, long or, MemorySegment x, long xr, long cols) {
        float max = SimdReductionsF32.max(x, xr, cols);
        float logSum = (float) Math.log(sumExpShifted(x, xr, cols, max));
        long bound = F.loopBound(cols);
        long j = 0;
        for (; j < bound; j += LANES) {
            load(x, xr + j).sub(max).sub(logSum).intoMemorySegment(out, (or + j) << 2, ORDER);
        }
        if (j < cols) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            load(x, xr + j, m).sub(max).sub(logSum).intoMemorySegment(out, (or + j) << 2, ORDER, m);
        }
    }

    static void rowReduce(RowReduction op, MemorySegment out, long outOff,
                          MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            float v = op == RowReduction.SUM ? SimdReductionsF32.sum(x, xr, cols) : SimdReductionsF32.max(x, xr, cols);
            out.setAtIndex(JAVA_FLOAT, outOff + i, v);
        }
    }

    /** The row max (NaN-propagating), then the first index holding it; the first NaN for a NaN max. */
    static void rowArgmax(MemorySegment out, long outOff, MemorySegment x, long xOff, long ldx, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            long xr = xOff + i * ldx;
            long best = 0;
            if (cols > 0) {
                float max = SimdReductionsF32.max(x, xr, cols);
                best = Float.isNaN(max) ? SimdReductionsF32.indexOfNaN(x, xr, cols)
                        : SimdReductionsF32.indexOf(x, xr, cols, max);
            }
            assert best >= 0 && (cols == 0 || best < cols);
            out.setAtIndex(JAVA_INT, outOff + i, (int) best);
        }
    }
}
