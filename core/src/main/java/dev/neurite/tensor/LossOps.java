package dev.neurite.tensor;

import dev.neurite.kernel.DeviceBackend;
import dev.neurite.kernel.PointwiseLoss;
import dev.neurite.kernel.scalar.ScalarLossKernels;

/**
 * Validated losses with their gradients and dropout's keep-masks, on the host (the reference
 * loops of {@link ScalarLossKernels}) or on the tensors' device. Inputs in other layouts than
 * contiguous go through contiguous copies where they live.
 */
final class LossOps {

    private LossOps() {
    }

    static double pointwise(PointwiseLoss loss, Tensor dP, Tensor p, Tensor t, double scale) {
        String op = "pointwiseLoss";
        Checks.open(op, dP, p, t);
        Checks.sameDtype(op, dP, p, t);
        Checks.sameShape(op, "prediction", p, "target", t);
        Checks.sameShape(op, "gradient", dP, "prediction", p);
        requireContiguousOutput(op, dP);
        Checks.noOverlap(op, dP, "gradient", p, "prediction");
        Checks.noOverlap(op, dP, "gradient", t, "target");
        long n = p.size();
        Tensor cp = contiguous(p);
        Tensor ct = contiguous(t);
        try {
            if (n == 0) {
                return 0;
            }
            if (DeviceOps.on(dP)) {
                return backend(dP).pointwiseLoss(loss, dP.buffer(), dP.offset(), cp.buffer(), cp.offset(),
                        ct.buffer(), ct.offset(), n, scale);
            }
            if (dP.dtype() == DType.F32) {
                return ScalarLossKernels.pointwiseF32(loss, dP.segment(), dP.offset(), cp.segment(), cp.offset(),
                        ct.segment(), ct.offset(), n, scale);
            }
            return ScalarLossKernels.pointwiseF64(loss, dP.segment(), dP.offset(), cp.segment(), cp.offset(),
                    ct.segment(), ct.offset(), n, scale);
        } finally {
            Operand.closeCopy(cp, p);
            Operand.closeCopy(ct, t);
        }
    }

    static double multiClassHinge(Tensor dS, Tensor s, int[] labels, double margin, double w) {
        String op = "multiClassHinge";
        Checks.open(op, dS, s);
        Checks.sameDtype(op, dS, s);
        Checks.sameShape(op, "gradient", dS, "scores", s);
        Checks.noOverlap(op, dS, "dS", s, "s");
        if (!Operand.rowMajor(dS)) {
            throw new IllegalArgumentException(op + ": output " + dS.shape()
                    + " must have unit-stride rows (not a transposed view)");
        }
        Checks.classLabels(op, labels, s);
        int rows = s.rows();
        int cols = s.cols();
        Tensor src = Operand.rowMajorOrCopy(s);
        try {
            if (rows == 0) {
                return 0;
            }
            if (DeviceOps.on(dS)) {
                return backend(dS).multiClassHinge(dS.buffer(), dS.offset(), Operand.ldOf(dS), src.buffer(),
                        src.offset(), Operand.ldOf(src), labels, rows, cols, margin, w);
            }
            if (s.dtype() == DType.F32) {
                return ScalarLossKernels.multiClassHingeF32(dS.segment(), dS.offset(), Operand.ldOf(dS),
                        src.segment(), src.offset(), Operand.ldOf(src), labels, rows, cols, margin, w);
            }
            return ScalarLossKernels.multiClassHingeF64(dS.segment(), dS.offset(), Operand.ldOf(dS), src.segment(),
                    src.offset(), Operand.ldOf(src), labels, rows, cols, margin, w);
        } finally {
            Operand.closeCopy(src, s);
        }
    }

    static void bernoulliMask(Tensor out, long seed, double keep) {
        String op = "bernoulliMask";
        Checks.open(op, out);
        requireContiguousOutput(op, out);
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException(op + ": keep probability must be in (0, 1], got " + keep);
        }
        long n = out.size();
        int threshold = ScalarLossKernels.keepThreshold(keep);
        double scale = 1 / keep;
        if (n == 0) {
            return;
        }
        if (DeviceOps.on(out)) {
            backend(out).bernoulliMask(out.buffer(), out.offset(), n, seed, threshold, scale);
        } else if (out.dtype() == DType.F32) {
            ScalarLossKernels.bernoulliMaskF32(out.segment(), out.offset(), n, seed, threshold, scale);
        } else {
            ScalarLossKernels.bernoulliMaskF64(out.segment(), out.offset(), n, seed, threshold, scale);
        }
    }

    private static DeviceBackend backend(Tensor t) {
        return t.device().backend();
    }

    private static void requireContiguousOutput(String op, Tensor out) {
        if (!out.isContiguous()) {
            throw new IllegalArgumentException(op + ": output " + out.shape() + " must be contiguous");
        }
    }

    private static Tensor contiguous(Tensor t) {
        return t.isContiguous() ? t : t.copy();
    }
}
