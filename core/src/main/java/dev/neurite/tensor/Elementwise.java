package dev.neurite.tensor;

import dev.neurite.kernel.Kernels;
import java.lang.foreign.MemorySegment;

/**
 * Runs an element-wise kernel over tensors of one shape in any layout: one call when all are
 * contiguous, one call per row (or per column, for transposed views) otherwise, and through
 * contiguous copies when layouts disagree. Tensors on a device go to {@link DeviceOps}.
 */
final class Elementwise {

    /**
     * A kernel call over {@code n} contiguous elements at the given offsets. The operation and a
     * scalar come in as arguments so that call sites pass non-capturing lambdas, which the JVM
     * does not allocate per call.
     */
    @FunctionalInterface
    interface Body {
        void apply(Kernels kernels, boolean f32, Object op, double alpha, MemorySegment os, long oo,
                   MemorySegment as, long ao, MemorySegment bs, long bo, long n);
    }

    private Elementwise() {
    }

    /** Validates and runs {@code out = body(a, b)}; {@code b} may be null for unary ops. */
    static void run(String op, Kernels kernels, Tensor out, Tensor a, Tensor b, Object kind, double alpha,
                    Body body, DeviceOps.Body deviceBody) {
        if (b == null) {
            Checks.open(op, out, a);
            Checks.sameDtype(op, out, a);
            Checks.sameShape(op, "output", out, "input", a);
        } else {
            Checks.open(op, out, a, b);
            Checks.sameDtype(op, a, b, out);
            Checks.sameShape(op, "a", a, "b", b);
            Checks.sameShape(op, "output", out, "input", a);
            Checks.noOverlap(op, out, "out", b, "b", true);
        }
        Checks.noOverlap(op, out, "out", a, "a", true);
        if (out.size() == 0) {
            return;
        }
        Tensor bb = b == null ? a : b;
        if (DeviceOps.on(out)) {
            DeviceOps.elementwise(out, a, bb, kind, alpha, deviceBody);
            return;
        }
        boolean f32 = out.dtype() == DType.F32;
        if (out.isContiguous() && a.isContiguous() && bb.isContiguous()) {
            body.apply(kernels, f32, kind, alpha, out.segment(), out.offset(), a.segment(), a.offset(),
                    bb.segment(), bb.offset(), out.size());
        } else if (unitCols(out) && unitCols(a) && unitCols(bb)) {
            for (int i = 0; i < out.rows(); i++) {
                body.apply(kernels, f32, kind, alpha, out.segment(), out.offset() + i * out.rowStride(),
                        a.segment(), a.offset() + i * a.rowStride(), bb.segment(), bb.offset() + i * bb.rowStride(),
                        out.cols());
            }
        } else if (unitRows(out) && unitRows(a) && unitRows(bb)) {
            for (int j = 0; j < out.cols(); j++) {
                body.apply(kernels, f32, kind, alpha, out.segment(), out.offset() + j * out.colStride(),
                        a.segment(), a.offset() + j * a.colStride(), bb.segment(), bb.offset() + j * bb.colStride(),
                        out.rows());
            }
        } else {
            // mixed layouts: compute on contiguous copies, then write back
            try (TensorScope scope = TensorScope.open()) {
                Tensor ca = scope.copyOf(a);
                Tensor cb = b == null || b == a ? ca : scope.copyOf(b);
                Tensor co = scope.copyOf(out);
                body.apply(kernels, f32, kind, alpha, co.segment(), co.offset(), ca.segment(), ca.offset(),
                        cb.segment(), cb.offset(), co.size());
                out.copyFrom(co);
            }
        }
    }

    private static boolean unitCols(Tensor t) {
        return t.colStride() == 1;
    }

    private static boolean unitRows(Tensor t) {
        return t.rowStride() == 1;
    }
}
