package dev.neurite.kernel.scalar;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.neurite.kernel.BinaryOp;
import java.lang.foreign.MemorySegment;

/**
 * The reference row and column broadcasts of {@link ScalarKernels}: {@code out[i, j] = op(a[i, j],
 * v[j])} and {@code op(a[i, j], c[i])}, float32 rounded once from the double result as the other
 * element-wise kernels are.
 */
final class ScalarBroadcast {

    private ScalarBroadcast() {
    }

    // out = op(a, v[j]) (row) or op(a, c[i]) (column), row by row
    static void f32(boolean row, BinaryOp op, MemorySegment out, long outOff, long ldOut,
                    MemorySegment a, long aOff, long lda, MemorySegment v, long vOff, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            float ci = row ? 0f : v.getAtIndex(JAVA_FLOAT, vOff + i);
            for (long j = 0; j < cols; j++) {
                float x = a.getAtIndex(JAVA_FLOAT, aOff + i * lda + j);
                float y = row ? v.getAtIndex(JAVA_FLOAT, vOff + j) : ci;
                out.setAtIndex(JAVA_FLOAT, outOff + i * ldOut + j, (float) ScalarKernels.apply(op, x, y));
            }
        }
    }

    static void f64(boolean row, BinaryOp op, MemorySegment out, long outOff, long ldOut,
                    MemorySegment a, long aOff, long lda, MemorySegment v, long vOff, int rows, int cols) {
        for (long i = 0; i < rows; i++) {
            double ci = row ? 0 : v.getAtIndex(JAVA_DOUBLE, vOff + i);
            for (long j = 0; j < cols; j++) {
                double x = a.getAtIndex(JAVA_DOUBLE, aOff + i * lda + j);
                double y = row ? v.getAtIndex(JAVA_DOUBLE, vOff + j) : ci;
                out.setAtIndex(JAVA_DOUBLE, outOff + i * ldOut + j, ScalarKernels.apply(op, x, y));
            }
        }
    }
}
