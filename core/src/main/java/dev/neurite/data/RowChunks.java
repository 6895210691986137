package dev.neurite.data;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Rows of numbers of a fixed width whose count is known only at the end, gathered in off-heap
 * chunks of {@code chunkRows} rows: values go into a small on-heap buffer, each full buffer into the
 * current owned chunk tensor. {@link #finish} then allocates the final tensor once and copies the
 * chunks in, closing each as it is copied, so a file's data takes about its size plus one chunk at
 * the peak and nothing per row stays on the heap. Chunks are about 64 MiB: the C allocator maps
 * blocks that large on their own and gives them back to the system when freed, which it does not
 * do for small blocks.
 */
final class RowChunks implements AutoCloseable {

    /** Values in the on-heap buffer when no row count is given: 1 MiB of float32. */
    static final int CHUNK_VALUES = 1 << 18;

    /** Bytes of an off-heap chunk when no row count is given. */
    private static final long CHUNK_BYTES = 64L << 20;

    private final DType dtype;
    private final int width;
    private final int bufferRows;
    private final int chunkRows; // a multiple of bufferRows
    private final List<Tensor> chunks = new ArrayList<>();
    private int rowsInLastChunk;
    private final float[] floats;
    private final double[] doubles;
    private int buffered; // values in the buffer
    private long rows; // complete rows, in chunks and the buffer

    /** Rows of {@code width} values of {@code dtype}, {@code chunkRows} per chunk (0: about 1 MiB per chunk). */
    RowChunks(DType dtype, int width, int chunkRows) {
        if (width < 1 || chunkRows < 0) {
            throw new IllegalArgumentException("row chunks of width " + width + " and " + chunkRows + " rows");
        }
        this.dtype = dtype;
        this.width = width;
        this.bufferRows = chunkRows > 0 ? chunkRows : Math.max(1, CHUNK_VALUES / width);
        long buffersPerChunk = chunkRows > 0 ? 1
                : Math.max(1, CHUNK_BYTES / ((long) bufferRows * width * dtype.byteSize()));
        this.chunkRows = Math.toIntExact(Math.min(Integer.MAX_VALUE / 2, buffersPerChunk * bufferRows));
        int values = Math.multiplyExact(this.bufferRows, width);
        this.floats = dtype == DType.F32 ? new float[values] : null;
        this.doubles = dtype == DType.F32 ? null : new double[values];
    }

    /** The number of complete rows added. */
    long rows() {
        return rows;
    }

    /** Appends the next value (row-major: {@code width} values make a row). */
    void add(double value) {
        if (floats != null) {
            floats[buffered++] = (float) value;
            if (buffered == floats.length) {
                flush();
            }
        } else {
            doubles[buffered++] = value;
            if (buffered == doubles.length) {
                flush();
            }
        }
        if (buffered % width == 0) {
            rows++;
        }
    }

    private void flush() {
        if (chunks.isEmpty() || rowsInLastChunk == chunkRows) {
            chunks.add(Tensor.zeros(dtype, chunkRows, width));
            rowsInLastChunk = 0;
        }
        Tensor into = chunks.getLast().rows(rowsInLastChunk, rowsInLastChunk + bufferRows);
        if (floats != null) {
            into.copyFrom(floats);
        } else {
            into.copyFrom(doubles);
        }
        rowsInLastChunk += bufferRows;
        buffered = 0;
    }

    /**
     * All rows as one new owned {@code (rows, width)} tensor of {@code outType}, each value passed
     * through {@code map} when it is not null; the chunks are freed. The caller closes the tensor.
     */
    Tensor finish(DType outType, DoubleUnaryOperator map) {
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalStateException("row chunks: " + rows + " rows do not fit a tensor");
        }
        Tensor out = Tensor.zeros(outType, (int) rows, width);
        try {
            int row = 0;
            for (int k = 0; k < chunks.size(); k++) {
                Tensor chunk = chunks.get(k);
                int n = k == chunks.size() - 1 ? rowsInLastChunk : chunkRows;
                copy(chunk.rows(0, n), out.rows(row, row + n), map);
                chunk.close();
                chunks.set(k, null);
                row += n;
            }
            chunks.clear();
            int tail = (int) rows - row;
            if (tail > 0) {
                try (Tensor last = floats != null ? Tensor.of(Arrays.copyOf(floats, tail * width), tail, width)
                        : Tensor.of(Arrays.copyOf(doubles, tail * width), tail, width)) {
                    copy(last, out.rows(row, row + tail), map);
                }
            }
            buffered = 0;
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    private static void copy(Tensor from, Tensor to, DoubleUnaryOperator map) {
        if (map == null) {
            to.copyFrom(from);
            return;
        }
        double[] values = from.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = map.applyAsDouble(values[i]);
        }
        to.copyFrom(values);
    }

    /** Frees the chunks not yet copied. */
    @Override
    public void close() {
        for (Tensor chunk : chunks) {
            if (chunk != null) {
                chunk.close();
            }
        }
        chunks.clear();
    }
}
