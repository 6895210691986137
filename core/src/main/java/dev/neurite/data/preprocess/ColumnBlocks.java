package dev.neurite.data.preprocess;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;

/**
 * Walks a tensor in blocks of whole rows as row-major {@code double[]}s, so per-column statistics
 * and per-column affine maps over large data sets run at array speed without one big copy.
 */
final class ColumnBlocks {

    /** Elements per block: small enough to stay in cache, large enough to amortise the copies. */
    static final int BLOCK_ELEMENTS = 1 << 14;

    private ColumnBlocks() {
    }

    /** Rows per block for a tensor of {@code cols} columns. */
    static int rowsPerBlock(int cols) {
        return Math.max(1, BLOCK_ELEMENTS / Math.max(1, cols));
    }

    /** The rows {@code [from, to)} of {@code t}, row-major. */
    static double[] read(Tensor t, int from, int to) {
        Tensor block = t.rows(from, to);
        if (t.dtype() == DType.F32) {
            float[] f = block.toFloatArray();
            double[] d = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                d[k] = f[k];
            }
            return d;
        }
        return block.toDoubleArray();
    }

    /** Writes {@code values} (row-major) into the rows {@code [from, to)} of {@code t}. */
    static void write(Tensor t, int from, int to, double[] values) {
        Tensor block = t.rows(from, to);
        if (t.dtype() == DType.F32) {
            float[] f = new float[values.length];
            for (int k = 0; k < f.length; k++) {
                f[k] = (float) values[k];
            }
            block.copyFrom(f);
        } else {
            block.copyFrom(values);
        }
    }
}
