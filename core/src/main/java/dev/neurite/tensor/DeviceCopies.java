package dev.neurite.tensor;

import dev.neurite.kernel.opencl.ClType;
import dev.neurite.kernel.opencl.OpenClBuffer;

/**
 * Explicit transfers between host tensors and OpenCL device buffers. A tensor's rows go to
 * consecutive rows of the buffer ({@code rows x cols}, contiguous); views are copied row by row.
 * The dtypes must agree ({@code F32} with {@code FLOAT32}, {@code F64} with {@code FLOAT64}).
 */
public final class DeviceCopies {

    private DeviceCopies() {
    }

    /** Copies {@code src} to {@code dst} starting at element {@code dstOff}. */
    public static void upload(Tensor src, OpenClBuffer dst, long dstOff) {
        check("upload", src, dst, dstOff);
        if (src.size() == 0) {
            return;
        }
        if (src.isContiguous()) {
            dst.write(dstOff, src.segment(), src.offset(), src.size());
            return;
        }
        requireUnitColumns("upload", src);
        for (int i = 0; i < src.rows(); i++) {
            dst.write(dstOff + (long) i * src.cols(), src.segment(), src.offset() + i * src.rowStride(), src.cols());
        }
    }

    /** Copies {@code dst.size()} elements of {@code src} from element {@code srcOff} into {@code dst}. */
    public static void download(OpenClBuffer src, long srcOff, Tensor dst) {
        check("download", dst, src, srcOff);
        if (dst.size() == 0) {
            return;
        }
        if (dst.isContiguous()) {
            src.read(srcOff, dst.segment(), dst.offset(), dst.size());
            return;
        }
        requireUnitColumns("download", dst);
        for (int i = 0; i < dst.rows(); i++) {
            src.read(srcOff + (long) i * dst.cols(), dst.segment(), dst.offset() + i * dst.rowStride(), dst.cols());
        }
    }

    /** The device element type holding a tensor of {@code dtype}. */
    public static ClType deviceType(DType dtype) {
        return dtype == DType.F32 ? ClType.FLOAT32 : ClType.FLOAT64;
    }

    private static void check(String op, Tensor t, OpenClBuffer buffer, long bufferOff) {
        t.requireHost(op);
        if (deviceType(t.dtype()) != buffer.type()) {
            throw new IllegalArgumentException(op + ": tensor " + t.shape() + " of " + t.dtype()
                    + " does not match a device buffer of " + buffer.type());
        }
        if (bufferOff < 0 || bufferOff + t.size() > buffer.length()) {
            throw new IllegalArgumentException(op + ": tensor " + t.shape() + " at element " + bufferOff
                    + " does not fit a device buffer of " + buffer.length() + " elements");
        }
    }

    private static void requireUnitColumns(String op, Tensor t) {
        if (t.colStride() != 1 && t.cols() > 1) {
            throw new IllegalArgumentException(op + ": tensor " + t.shape()
                    + " is a transposed view; copy it to a contiguous tensor first");
        }
    }
}
