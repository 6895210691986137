package dev.neurite.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The host side of {@link Tensor}'s copies, gathers and fills, after its checks: one bulk copy
 * when the layouts allow it, element by element otherwise. {@link DeviceTransfers} is the device
 * side.
 */
final class HostTransfers {

    private HostTransfers() {
    }

    /** {@code data} (row-major, the tensor's size) into host tensor {@code t}. */
    static void copy(Tensor t, float[] data) {
        if (t.dtype() == DType.F32 && t.isContiguous()) {
            MemorySegment.copy(data, 0, t.segment(), ValueLayout.JAVA_FLOAT, t.offset() * Float.BYTES, data.length);
            return;
        }
        for (int i = 0, k = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                t.set(i, j, data[k++]);
            }
        }
    }

    /** {@code data} (row-major, the tensor's size) into host tensor {@code t}. */
    static void copy(Tensor t, double[] data) {
        if (t.dtype() == DType.F64 && t.isContiguous()) {
            MemorySegment.copy(data, 0, t.segment(), ValueLayout.JAVA_DOUBLE, t.offset() * Double.BYTES, data.length);
            return;
        }
        for (int i = 0, k = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                t.set(i, j, data[k++]);
            }
        }
    }

    /** Rows of equal length into the float32 tensor {@code t} of {@code data.length} rows. */
    static void copyRows(Tensor t, float[][] data) {
        int cols = t.cols();
        if ((long) data.length * cols != t.size()) {
            throw new IllegalArgumentException("data has " + (long) data.length * cols + " values, but shape "
                    + t.shape() + " needs " + t.size());
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i].length != cols) {
                throw new IllegalArgumentException("ragged rows: row 0 has " + cols
                        + " values, row " + i + " has " + data[i].length);
            }
            MemorySegment.copy(data[i], 0, t.segment(), ValueLayout.JAVA_FLOAT, (long) i * cols * Float.BYTES, cols);
        }
    }

    /** Host tensor {@code source} into host tensor {@code out}, shapes checked, any dtypes and layouts. */
    static void copy(Tensor out, Tensor source) {
        DType dtype = out.dtype();
        if (dtype == source.dtype() && out.isContiguous() && source.isContiguous()) {
            MemorySegment.copy(source.segment(), source.offset() * dtype.byteSize(),
                    out.segment(), out.offset() * dtype.byteSize(), out.size() * dtype.byteSize());
            return;
        }
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                out.set(i, j, source.get(i, j));
            }
        }
    }

    /** As {@link Tensor#gatherRows}, both tensors on the host and open. */
    static void gatherRows(Tensor out, Tensor source, int[] indices, int from) {
        int rows = out.rows();
        int cols = out.cols();
        if (source.cols() != cols || source.dtype() != out.dtype()) {
            throw new IllegalArgumentException("gatherRows: rows of " + source.shape()
                    + " do not fit rows of " + out.shape());
        }
        if (from < 0 || from + rows > indices.length) {
            throw new IndexOutOfBoundsException("gatherRows: indices [" + from + ", " + (from + rows)
                    + ") are outside an array of " + indices.length);
        }
        long bytes = out.dtype().byteSize();
        boolean unitRows = Operand.rowMajor(out) && Operand.rowMajor(source);
        for (int i = 0; i < rows; i++) {
            int r = indices[from + i];
            if (r < 0 || r >= source.rows()) {
                throw new IndexOutOfBoundsException("gatherRows: row " + r + " is outside " + source.shape());
            }
            if (unitRows) {
                MemorySegment.copy(source.segment(), (source.offset() + r * source.rowStride()) * bytes,
                        out.segment(), (out.offset() + i * out.rowStride()) * bytes, cols * bytes);
            } else {
                for (int j = 0; j < cols; j++) {
                    out.set(i, j, source.get(r, j));
                }
            }
        }
    }

    /** The elements of host tensor {@code t}, row-major, as floats. */
    static float[] toFloatArray(Tensor t) {
        float[] out = new float[Math.toIntExact(t.size())];
        if (t.dtype() == DType.F32 && t.isContiguous()) {
            MemorySegment.copy(t.segment(), ValueLayout.JAVA_FLOAT, t.offset() * Float.BYTES, out, 0, out.length);
            return out;
        }
        for (int i = 0, k = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                out[k++] = (float) t.get(i, j);
            }
        }
        return out;
    }

    /** The elements of host tensor {@code t}, row-major, as doubles. */
    static double[] toDoubleArray(Tensor t) {
        double[] out = new double[Math.toIntExact(t.size())];
        if (t.dtype() == DType.F64 && t.isContiguous()) {
            MemorySegment.copy(t.segment(), ValueLayout.JAVA_DOUBLE, t.offset() * Double.BYTES, out, 0, out.length);
            return out;
        }
        for (int i = 0, k = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                out[k++] = t.get(i, j);
            }
        }
        return out;
    }

    /** Every element of host tensor {@code t} (not empty) set to {@code value}. */
    static void fill(Tensor t, double value) {
        if (value == 0 && !(1 / value < 0) && t.isContiguous()) {
            t.segment().asSlice(t.offset() * t.dtype().byteSize(), t.size() * t.dtype().byteSize()).fill((byte) 0);
            return;
        }
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                t.set(i, j, value);
            }
        }
    }
}
