package dev.neurite.tensor;

import java.lang.foreign.MemorySegment;

/**
 * A tensor as a BLAS-style matrix operand: memory, offset, leading dimension and whether it is
 * stored transposed. Row-major tensors and their transposed views map without copying.
 */
record Operand(MemorySegment segment, long offset, long ld, boolean trans, Tensor copy)
        implements AutoCloseable {

    Operand(MemorySegment segment, long offset, long ld, boolean trans) {
        this(segment, offset, ld, trans, null);
    }

    /** The operand of {@code t}, a contiguous copy when its layout has no leading dimension; close it. */
    static Operand of(Tensor t) {
        if (t.colStride() == 1 || t.cols() == 1) {
            long ld = t.rows() <= 1 ? Math.max(1, t.cols()) : Math.max(t.rowStride(), Math.max(1, t.cols()));
            return new Operand(t.segment(), t.offset(), ld, false);
        }
        if (t.rowStride() == 1 || t.rows() == 1) {
            long ld = Math.max(t.colStride(), Math.max(1, t.rows()));
            return new Operand(t.segment(), t.offset(), ld, true);
        }
        Tensor copy = t.copy();
        return new Operand(copy.segment(), copy.offset(), Math.max(1, copy.cols()), false, copy);
    }

    /** Frees the copy, if one was made. */
    @Override
    public void close() {
        if (copy != null) {
            copy.close();
        }
    }

    /** Closes {@code maybeCopy} when it is a copy of {@code original} (not the tensor itself). */
    static void closeCopy(Tensor maybeCopy, Tensor original) {
        if (maybeCopy != null && maybeCopy != original) {
            maybeCopy.close();
        }
    }

    /** True when rows are unit-stride (the layout row kernels need). */
    static boolean rowMajor(Tensor t) {
        return t.colStride() == 1 || t.cols() <= 1;
    }

    /** {@code t} if its rows are unit-stride, else a contiguous copy (free it with {@link #closeCopy}). */
    static Tensor rowMajorOrCopy(Tensor t) {
        return rowMajor(t) ? t : t.copy();
    }

    /** Leading dimension of a tensor whose rows are unit-stride. */
    static long ldOf(Tensor t) {
        return t.rows() <= 1 ? Math.max(1, t.cols()) : t.rowStride();
    }
}
