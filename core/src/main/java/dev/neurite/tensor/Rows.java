package dev.neurite.tensor;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.RowReduction;
import java.lang.foreign.MemorySegment;

/** Validated row and column ops: bias add, column sums, softmax, row reductions, argmax. */
final class Rows {

    private Rows() {
    }

    /** An output that must already have unit-stride rows: kernels write it in place. */
    private static void requireRowMajorOutput(String op, Tensor out) {
        if (!Operand.rowMajor(out)) {
            throw new IllegalArgumentException(op + ": output " + out.shape()
                    + " must have unit-stride rows (not a transposed view)");
        }
    }

    private static Tensor vectorInput(String op, String name, Tensor v, int expected) {
        int len = v.rows() == 1 || v.cols() == 1 ? (int) v.size() : -1;
        if (len != expected) {
            throw new IllegalArgumentException(op + ": " + name + " must be a vector of " + expected
                    + " values, got " + v.shape());
        }
        return Checks.isUnitStrideVector(v) ? v : v.copy();
    }

    private static void vectorOutput(String op, String name, Tensor v, int expected) {
        int len = v.rows() == 1 || v.cols() == 1 ? (int) v.size() : -1;
        if (len != expected) {
            throw new IllegalArgumentException(op + ": " + name + " must be a vector of " + expected
                    + " values, got " + v.shape());
        }
        if (!Checks.isUnitStrideVector(v)) {
            throw new IllegalArgumentException(op + ": output vector " + v.shape() + " must be contiguous");
        }
    }

    /**
     * The checks of an op {@code out = f(a, vector)} with {@code out} shaped like {@code a} (and
     * possibly {@code a} itself): returns {@code vector} as a contiguous vector of {@code length}
     * values, a copy the caller closes when it was not one.
     */
    private static Tensor checkMatrixVector(String op, Tensor out, Tensor a, Tensor vector, String name, int length) {
        Checks.open(op, out, a, vector);
        Checks.sameDtype(op, out, a, vector);
        Checks.sameShape(op, "output", out, "a", a);
        Checks.noOverlap(op, out, "out", a, "a", true);
        Checks.noOverlap(op, out, "out", vector, name);
        requireRowMajorOutput(op, out);
        return vectorInput(op, name, vector, length);
    }

    static void addRowVector(Kernels k, Tensor out, Tensor a, Tensor bias) {
        addRowVector(k, "addRowVector", null, 0, out, a, bias);
    }

    static void addRowVectorActivation(Kernels k, Activation f, double slope, Tensor out, Tensor a, Tensor bias) {
        Checks.slope(f, slope);
        addRowVector(k, "addRowVectorActivation", f, slope, out, a, bias);
    }

    /** {@code out = f(a + bias)} row by row; {@code f == null}: no activation. */
    private static void addRowVector(Kernels k, String op, Activation f, double slope, Tensor out, Tensor a,
                                     Tensor bias) {
        Tensor b = checkMatrixVector(op, out, a, bias, "bias", a.cols());
        Tensor src = null;
        try {
            src = Operand.rowMajorOrCopy(a);
            if (out.size() == 0) {
                return;
            }
            if (DeviceOps.on(out)) {
                DeviceOps.addRowVector(f, slope, out, src, b);
                return;
            }
            MemorySegment os = out.segment();
            long ldo = Operand.ldOf(out);
            long lds = Operand.ldOf(src);
            boolean f32 = out.dtype() == DType.F32;
            if (f == null && f32) {
                k.addRowVectorF32(os, out.offset(), ldo, src.segment(), src.offset(), lds, b.segment(), b.offset(),
                        out.rows(), out.cols());
            } else if (f == null) {
                k.addRowVectorF64(os, out.offset(), ldo, src.segment(), src.offset(), lds, b.segment(), b.offset(),
                        out.rows(), out.cols());
            } else if (f32) {
                k.addRowVectorActivationF32(f, (float) slope, os, out.offset(), ldo, src.segment(), src.offset(), lds,
                        b.segment(), b.offset(), out.rows(), out.cols());
            } else {
                k.addRowVectorActivationF64(f, slope, os, out.offset(), ldo, src.segment(), src.offset(), lds,
                        b.segment(), b.offset(), out.rows(), out.cols());
            }
        } finally {
            Operand.closeCopy(b, bias);
            Operand.closeCopy(src, a);
        }
    }

    /**
     * {@code out[i, j] = op(a[i, j], v[j])} ({@code row}) or {@code op(a[i, j], v[i])}; {@code out}
     * may be {@code a}.
     */
    static void broadcast(Kernels k, boolean row, BinaryOp bop, Tensor out, Tensor a, Tensor v) {
        String op = row ? "rowBroadcast" : "columnBroadcast";
        Tensor vec = checkMatrixVector(op, out, a, v, row ? "v" : "c", row ? a.cols() : a.rows());
        Tensor src = null;
        try {
            src = Operand.rowMajorOrCopy(a);
            if (out.size() == 0) {
                return;
            }
            if (DeviceOps.on(out)) {
                DeviceOps.broadcast(row, bop, out, src, vec);
                return;
            }
            MemorySegment os = out.segment();
            long ldo = Operand.ldOf(out);
            long lds = Operand.ldOf(src);
            boolean f32 = out.dtype() == DType.F32;
            if (row && f32) {
                k.rowBroadcastF32(bop, os, out.offset(), ldo, src.segment(), src.offset(), lds, vec.segment(),
                        vec.offset(), out.rows(), out.cols());
            } else if (row) {
                k.rowBroadcastF64(bop, os, out.offset(), ldo, src.segment(), src.offset(), lds, vec.segment(),
                        vec.offset(), out.rows(), out.cols());
            } else if (f32) {
                k.columnBroadcastF32(bop, os, out.offset(), ldo, src.segment(), src.offset(), lds, vec.segment(),
                        vec.offset(), out.rows(), out.cols());
            } else {
                k.columnBroadcastF64(bop, os, out.offset(), ldo, src.segment(), src.offset(), lds, vec.segment(),
                        vec.offset(), out.rows(), out.cols());
            }
        } finally {
            Operand.closeCopy(vec, v);
            Operand.closeCopy(src, a);
        }
    }

    static double softmaxCrossEntropy(Kernels k, Tensor dZ, Tensor z, int[] labels, double scale) {
        String op = "softmaxCrossEntropy";
        Checks.open(op, dZ, z);
        Checks.sameDtype(op, dZ, z);
        Checks.sameShape(op, "gradient", dZ, "logits", z);
        Checks.noOverlap(op, dZ, "dZ", z, "z");
        requireRowMajorOutput(op, dZ);
        Checks.classLabels(op, labels, z);
        int rows = z.rows();
        int cols = z.cols();
        Tensor src = Operand.rowMajorOrCopy(z);
        try {
            if (rows == 0 || cols == 0) {
                return 0;
            }
            if (DeviceOps.on(z)) {
                return DeviceOps.softmaxCrossEntropy(dZ, src, labels, scale);
            }
            if (z.dtype() == DType.F32) {
                return k.softmaxCrossEntropyF32(dZ.segment(), dZ.offset(), Operand.ldOf(dZ), src.segment(), src.offset(),
                        Operand.ldOf(src), labels, 0, rows, cols, (float) scale);
            }
            return k.softmaxCrossEntropyF64(dZ.segment(), dZ.offset(), Operand.ldOf(dZ), src.segment(), src.offset(),
                    Operand.ldOf(src), labels, 0, rows, cols, scale);
        } finally {
            Operand.closeCopy(src, z);
        }
    }

    static void columnSums(Kernels k, Tensor out, Tensor a) {
        String op = "columnSums";
        Checks.open(op, out, a);
        Checks.sameDtype(op, out, a);
        vectorOutput(op, "output", out, a.cols());
        Checks.noOverlap(op, out, "out", a, "a");
        Tensor src = Operand.rowMajorOrCopy(a);
        try {
            if (DeviceOps.on(out)) {
                DeviceOps.columnSums(out, src);
            } else if (out.dtype() == DType.F32) {
                k.columnSumsF32(out.segment(), out.offset(), src.segment(), src.offset(), Operand.ldOf(src),
                        src.rows(), src.cols());
            } else {
                k.columnSumsF64(out.segment(), out.offset(), src.segment(), src.offset(), Operand.ldOf(src),
                        src.rows(), src.cols());
            }
        } finally {
            Operand.closeCopy(src, a);
        }
    }

    static void softmax(Kernels k, boolean log, Tensor out, Tensor x) {
        String op = log ? "logSoftmaxRows" : "softmaxRows";
        Checks.open(op, out, x);
        Checks.sameDtype(op, out, x);
        Checks.sameShape(op, "output", out, "x", x);
        Checks.noOverlap(op, out, "out", x, "x", true);
        requireRowMajorOutput(op, out);
        Tensor src = Operand.rowMajorOrCopy(x);
        try {
            if (out.size() == 0) {
                return;
            }
            if (DeviceOps.on(out)) {
                DeviceOps.softmax(log, out, src);
                return;
            }
            MemorySegment os = out.segment();
            long ldo = Operand.ldOf(out);
            long lds = Operand.ldOf(src);
            if (out.dtype() == DType.F32) {
                if (log) {
                    k.logSoftmaxRowsF32(os, out.offset(), ldo, src.segment(), src.offset(), lds, out.rows(), out.cols());
                } else {
                    k.softmaxRowsF32(os, out.offset(), ldo, src.segment(), src.offset(), lds, out.rows(), out.cols());
                }
            } else {
                if (log) {
                    k.logSoftmaxRowsF64(os, out.offset(), ldo, src.segment(), src.offset(), lds, out.rows(), out.cols());
                } else {
                    k.softmaxRowsF64(os, out.offset(), ldo, src.segment(), src.offset(), lds, out.rows(), out.cols());
                }
            }
        } finally {
            Operand.closeCopy(src, x);
        }
    }

    static void reduce(Kernels k, RowReduction r, Tensor out, Tensor x) {
        String op = r == RowReduction.SUM ? "rowSums" : "rowMax";
        Checks.open(op, out, x);
        Checks.sameDtype(op, out, x);
        vectorOutput(op, "output", out, x.rows());
        Checks.noOverlap(op, out, "out", x, "x");
        Tensor src = Operand.rowMajorOrCopy(x);
        try {
            if (out.size() == 0) {
                return;
            }
            if (DeviceOps.on(x)) {
                DeviceOps.rowReduce(r, out, src);
                return;
            }
            if (out.dtype() == DType.F32) {
                k.rowReduceF32(r, out.segment(), out.offset(), src.segment(), src.offset(), Operand.ldOf(src),
                        src.rows(), src.cols());
            } else {
                k.rowReduceF64(r, out.segment(), out.offset(), src.segment(), src.offset(), Operand.ldOf(src),
                        src.rows(), src.cols());
            }
        } finally {
            Operand.closeCopy(src, x);
        }
    }

    static void argmax(Kernels k, int[] out, Tensor x) {
        String op = "rowArgmax";
        Checks.open(op, x);
        if (out.length != x.rows()) {
            throw new IllegalArgumentException(op + ": output has " + out.length + " entries, x " + x.shape()
                    + " has " + x.rows() + " rows");
        }
        if (x.cols() == 0 && x.rows() > 0) {
            throw new IllegalArgumentException(op + ": x " + x.shape() + " has no columns");
        }
        Tensor src = Operand.rowMajorOrCopy(x);
        try {
            if (x.rows() == 0) {
                return;
            }
            if (DeviceOps.on(x)) {
                DeviceOps.rowArgmax(out, src);
                return;
            }
            MemorySegment os = MemorySegment.ofArray(out);
            if (x.dtype() == DType.F32) {
                k.rowArgmaxF32(os, 0, src.segment(), src.offset(), Operand.ldOf(src), src.rows(), src.cols());
            } else {
                k.rowArgmaxF64(os, 0, src.segment(), src.offset(), Operand.ldOf(src), src.rows(), src.cols());
            }
        } finally {
            Operand.closeCopy(src, x);
        }
    }
}
