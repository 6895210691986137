package dev.neurite.tensor;

import dev.neurite.kernel.DeviceBackend;
import dev.neurite.kernel.DeviceBuffer;

/**
 * Copies between a device tensor and a host tensor or another device tensor, and fills device
 * tensors: whole contiguous blocks in one transfer, row-major views row by row. Other layouts
 * (transposed views) and conversions between dtypes go through a contiguous host copy.
 */
final class DeviceTransfers {

    private DeviceTransfers() {
    }

    /** {@code dst = src}, same shape, at least one of them on a device. */
    static void copy(Tensor dst, Tensor src) {
        if (dst.size() == 0) {
            return;
        }
        if (dst.dtype() != src.dtype() || !rowMajor(dst) || !rowMajor(src)) {
            viaHost(dst, src);
            return;
        }
        if (dst.buffer() != null && src.buffer() != null && dst.device() != src.device()) {
            viaHost(dst, src);
            return;
        }
        boolean whole = dst.isContiguous() && src.isContiguous();
        int blocks = whole ? 1 : dst.rows();
        long n = whole ? dst.size() : dst.cols();
        for (int i = 0; i < blocks; i++) {
            long d = dst.offset() + i * dst.rowStride();
            long s = src.offset() + i * src.rowStride();
            if (src.buffer() == null) {
                dst.buffer().write(d, src.segment(), s, n);
            } else if (dst.buffer() == null) {
                src.buffer().read(s, dst.segment(), d, n);
            } else {
                backend(dst).copy(dst.buffer(), d, src.buffer(), s, n);
            }
        }
    }

    /** {@link Tensor#gatherRows} with both tensors on one device: this one contiguous, the source row-major. */
    static void gatherRows(Tensor dst, Tensor src, int[] indices, int from) {
        Checks.open("gatherRows", dst, src);
        if (src.cols() != dst.cols() || src.dtype() != dst.dtype()) {
            throw new IllegalArgumentException("gatherRows: rows of " + src.shape() + " do not fit rows of " + dst.shape());
        }
        if (!dst.isContiguous() || !rowMajor(src)) {
            throw new IllegalArgumentException("gatherRows: on a device the output must be contiguous and the"
                    + " source's rows unit-stride; got " + dst.shape() + " and " + src.shape());
        }
        if (from < 0 || from + dst.rows() > indices.length) {
            throw new IndexOutOfBoundsException("gatherRows: indices [" + from + ", " + (from + dst.rows())
                    + ") are outside an array of " + indices.length);
        }
        for (int i = 0; i < dst.rows(); i++) {
            int r = indices[from + i];
            if (r < 0 || r >= src.rows()) {
                throw new IndexOutOfBoundsException("gatherRows: row " + r + " is outside " + src.shape());
            }
        }
        backend(dst).gatherRows(dst.buffer(), dst.offset(), src.buffer(), src.offset(), Operand.ldOf(src), indices,
                from, dst.rows(), dst.cols());
    }

    /** Every element of device tensor {@code t} set to {@code value}. */
    static void fill(Tensor t, double value) {
        if (!rowMajor(t)) {
            try (Tensor host = Tensor.zeros(t.dtype(), t.rows(), t.cols())) {
                host.fill(value);
                copy(t, host);
            }
            return;
        }
        DeviceBuffer b = t.buffer();
        if (t.isContiguous()) {
            backend(t).fill(b, t.offset(), t.size(), value);
            return;
        }
        for (int i = 0; i < t.rows(); i++) {
            backend(t).fill(b, t.offset() + i * t.rowStride(), t.cols(), value);
        }
    }

    static DeviceBackend backend(Tensor t) {
        return t.device().backend();
    }

    /** Rows of unit stride: what a device transfer or kernel can address with an offset and a leading dimension. */
    static boolean rowMajor(Tensor t) {
        return t.colStride() == 1 || t.cols() <= 1;
    }

    /** Through a contiguous host tensor of {@code dst}'s dtype. */
    private static void viaHost(Tensor dst, Tensor src) {
        try (Tensor s = hostCopy(src, dst.dtype())) {
            if (dst.buffer() == null) {
                dst.copyFrom(s);
            } else if (rowMajor(dst)) {
                copy(dst, s);
            } else {
                // a transposed view of device memory: write the row-major matrix it transposes
                try (Tensor t = Tensor.zeros(dst.dtype(), dst.cols(), dst.rows())) {
                    t.copyFrom(s.transpose());
                    copy(dst.transpose(), t);
                }
            }
        }
    }

    /** A contiguous host copy of {@code src} in {@code dtype}; the caller closes it. */
    private static Tensor hostCopy(Tensor src, DType dtype) {
        Tensor out = Tensor.zeros(dtype, src.rows(), src.cols());
        try {
            if (src.buffer() == null) {
                out.copyFrom(src);
            } else if (!rowMajor(src)) {
                try (Tensor t = hostCopy(src.transpose(), dtype)) {
                    out.copyFrom(t.transpose());
                }
            } else if (src.dtype() == dtype) {
                copy(out, src);
            } else {
                try (Tensor t = Tensor.zeros(src.dtype(), src.rows(), src.cols())) {
                    copy(t, src);
                    out.copyFrom(t);
                }
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }
}
