package dev.neurite.kernel;

import static dev.neurite.kernel.KernelTestData.assertSameElements;
import static dev.neurite.kernel.KernelTestData.assertUntouched;

import dev.neurite.kernel.KernelTestData.DType;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * The row and column broadcasts of a backend against the scalar reference: exact, since each
 * element is one IEEE operation, on views ({@code ld > cols}, offsets) whose padding holds NaN,
 * for every op, both precisions, shapes around the vector width, and in place.
 */
public abstract class BackendBroadcastAgainstScalarTest extends BackendFusedAgainstScalarTest {

    private static final long IN_PAD = 3;
    private static final long OUT_PAD = 5;

    private int[][] shapes() {
        int l = lanes();
        return new int[][] {{0, 5}, {6, 0}, {1, 1}, {3, l - 1}, {4, l}, {2, l + 1}, {7, 13}, {5, 207}, {2, 1030}};
    }

    private MemorySegment matrix(DType dt, long rows, long cols, long ld) {
        MemorySegment s = data.alloc(dt, IN_OFF + rows * ld + GUARD);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                dt.set(s, IN_OFF + i * ld + j, -4 + 8 * data.random().nextDouble());
            }
        }
        return s;
    }

    @Test
    void rowAndColumnBroadcastsAreExact() {
        for (boolean row : new boolean[] {true, false}) {
            for (BinaryOp op : BinaryOp.values()) {
                for (DType dt : DType.values()) {
                    for (int[] shape : shapes()) {
                        check(row, op, dt, shape[0], shape[1]);
                    }
                }
            }
        }
    }

    private void check(boolean row, BinaryOp op, DType dt, int rows, int cols) {
        long lda = cols + IN_PAD;
        long ldo = cols + OUT_PAD;
        MemorySegment a = matrix(dt, rows, cols, lda);
        injectSpecials(dt, a, IN_OFF, rows > 0 ? cols : 0);
        MemorySegment v = data.uniform(dt, IN_OFF + (row ? cols : rows), -4, 4);
        MemorySegment want = data.alloc(dt, OUT_OFF + rows * ldo + GUARD);
        MemorySegment got = data.alloc(dt, OUT_OFF + rows * ldo + GUARD);
        call(ref, row, op, dt, want, OUT_OFF, ldo, a, lda, v, rows, cols);
        call(k, row, op, dt, got, OUT_OFF, ldo, a, lda, v, rows, cols);
        String at = (row ? "rowBroadcast " : "columnBroadcast ") + op + " " + dt + " " + rows + "x" + cols;
        assertUntouched(at, dt, got, 0, OUT_OFF);
        for (long i = 0; i < rows; i++) {
            assertSameElements(at + " row " + i, dt, want, OUT_OFF + i * ldo, got, OUT_OFF + i * ldo, cols);
            assertUntouched(at, dt, got, OUT_OFF + i * ldo + cols, OUT_OFF + (i + 1) * ldo);
        }
        MemorySegment inPlace = data.copy(dt, a, IN_OFF + rows * lda);
        call(k, row, op, dt, inPlace, IN_OFF, lda, inPlace, lda, v, rows, cols);
        for (long i = 0; i < rows; i++) {
            assertSameElements(at + " in place row " + i, dt, want, OUT_OFF + i * ldo, inPlace, IN_OFF + i * lda,
                    cols);
        }
    }

    private static void call(Kernels kk, boolean row, BinaryOp op, DType dt, MemorySegment out, long outOff,
                             long ldo, MemorySegment a, long lda, MemorySegment v, int rows, int cols) {
        if (row && dt == DType.F32) {
            kk.rowBroadcastF32(op, out, outOff, ldo, a, IN_OFF, lda, v, IN_OFF, rows, cols);
        } else if (row) {
            kk.rowBroadcastF64(op, out, outOff, ldo, a, IN_OFF, lda, v, IN_OFF, rows, cols);
        } else if (dt == DType.F32) {
            kk.columnBroadcastF32(op, out, outOff, ldo, a, IN_OFF, lda, v, IN_OFF, rows, cols);
        } else {
            kk.columnBroadcastF64(op, out, outOff, ldo, a, IN_OFF, lda, v, IN_OFF, rows, cols);
        }
    }
}
