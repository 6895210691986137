package dev.neurite.tensor;

import dev.neurite.kernel.Kernels;

/** Validated reductions of whole tensors to one number. */
final class Reductions {

    private Reductions() {
    }

    static double dot(Kernels k, Tensor a, Tensor b) {
        Checks.open("dot", a, b);
        Checks.sameDtype("dot", a, b);
        Checks.sameShape("dot", "a", a, "b", b);
        Tensor ca = null;
        Tensor cb = null;
        try {
            ca = a.isContiguous() ? a : a.copy();
            cb = b.isContiguous() ? b : b.copy();
            if (DeviceOps.on(a)) {
                return DeviceOps.dot(ca, cb);
            }
            return a.dtype() == DType.F32
                    ? k.dotF32(ca.segment(), ca.offset(), cb.segment(), cb.offset(), ca.size())
                    : k.dotF64(ca.segment(), ca.offset(), cb.segment(), cb.offset(), ca.size());
        } finally {
            Operand.closeCopy(ca, a);
            Operand.closeCopy(cb, b);
        }
    }

    static double sum(Kernels k, Tensor x, boolean squares) {
        String op = squares ? "sumOfSquares" : "sum";
        Checks.open(op, x);
        Tensor c = x.isContiguous() ? x : x.copy();
        try {
            if (DeviceOps.on(x)) {
                return DeviceOps.sum(c, squares);
            }
            if (x.dtype() == DType.F32) {
                return squares ? k.sumOfSquaresF32(c.segment(), c.offset(), c.size())
                        : k.sumF32(c.segment(), c.offset(), c.size());
            }
            return squares ? k.sumOfSquaresF64(c.segment(), c.offset(), c.size())
                    : k.sumF64(c.segment(), c.offset(), c.size());
        } finally {
            Operand.closeCopy(c, x);
        }
    }
}
