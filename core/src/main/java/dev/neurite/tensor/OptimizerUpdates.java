package dev.neurite.tensor;

import dev.neurite.kernel.Kernels;

/**
 * Validation and dispatch of the fused optimizer updates behind {@link Ops}: the parameter, its
 * gradient and its state tensors must be open, contiguous, of one dtype and shape, and must not
 * overlap one another.
 */
final class OptimizerUpdates {

    private OptimizerUpdates() {
    }

    private static final String[] SGD_NAMES = {"w", "grad", "momentumBuffer"};
    private static final String[] RMSPROP_NAMES = {"w", "grad", "squareAvg", "gradAvg", "momentumBuffer"};
    private static final String[] ADAM_NAMES = {"w", "grad", "m", "v"};

    private static Tensor at(int i, Tensor t0, Tensor t1, Tensor t2, Tensor t3, Tensor t4) {
        return switch (i) {
            case 0 -> t0;
            case 1 -> t1;
            case 2 -> t2;
            case 3 -> t3;
            default -> t4;
        };
    }

    /**
     * Checks the tensors of one update ({@code names[i]} names the i-th); null ones after the
     * first two are unused and skipped. Allocates nothing, as optimizers call it every step.
     */
    static void check(String op, String[] names, Tensor t0, Tensor t1, Tensor t2, Tensor t3, Tensor t4) {
        if (t0 == null || t1 == null) {
            throw new NullPointerException(op + ": " + names[t0 == null ? 0 : 1] + " is null");
        }
        for (int i = 0; i < names.length; i++) {
            Tensor t = at(i, t0, t1, t2, t3, t4);
            if (t == null) {
                continue;
            }
            t.requireOpen(op);
            Checks.sameDevice(op, t0, t);
            Checks.sameDtype(op, t0, t);
            Checks.sameShape(op, names[0], t0, names[i], t);
            if (!t.isContiguous()) {
                throw new IllegalArgumentException(op + ": " + names[i] + " (" + t.shape()
                        + ") must be contiguous; copy() it first");
            }
            for (int j = 0; j < i; j++) {
                Tensor u = at(j, t0, t1, t2, t3, t4);
                if (u != null) {
                    Checks.noOverlap(op, t, names[i], u, names[j]);
                }
            }
        }
    }

    static void sgd(Kernels k, Tensor w, Tensor grad, Tensor buffer, double lr, double momentum,
                    double dampening, boolean nesterov, double weightDecay, double l1, boolean firstStep) {
        if (momentum != 0 && buffer == null) {
            throw new IllegalArgumentException("sgdUpdate: momentum " + momentum + " needs a momentum buffer");
        }
        check("sgdUpdate", SGD_NAMES, w, grad, momentum != 0 ? buffer : null, null, null);
        Tensor b = momentum != 0 ? buffer : w; // unused by the kernel without momentum
        long n = w.size();
        if (n == 0) {
            return;
        }
        if (DeviceOps.on(w)) {
            DeviceOps.sgd(w, grad, momentum != 0 ? buffer : null, lr, momentum, dampening, nesterov, weightDecay, l1,
                    firstStep);
            return;
        }
        if (w.dtype() == DType.F32) {
            k.sgdUpdateF32(w.segment(), w.offset(), b.segment(), b.offset(), grad.segment(), grad.offset(), n,
                    (float) lr, (float) momentum, (float) dampening, nesterov, (float) weightDecay, (float) l1,
                    firstStep);
        } else {
            k.sgdUpdateF64(w.segment(), w.offset(), b.segment(), b.offset(), grad.segment(), grad.offset(), n,
                    lr, momentum, dampening, nesterov, weightDecay, l1, firstStep);
        }
    }

    static void rmsprop(Kernels k, Tensor w, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor buffer,
                        double lr, double alpha, double eps, double momentum, double weightDecay, double l1) {
        if (squareAvg == null) {
            throw new NullPointerException("rmspropUpdate: squareAvg is null");
        }
        if (momentum > 0 && buffer == null) {
            throw new IllegalArgumentException("rmspropUpdate: momentum " + momentum + " needs a momentum buffer");
        }
        boolean centered = gradAvg != null;
        Tensor buf = momentum > 0 ? buffer : null;
        check("rmspropUpdate", RMSPROP_NAMES, w, grad, squareAvg, gradAvg, buf);
        Tensor ga = centered ? gradAvg : w; // unused by the kernel when not centered
        Tensor b = buf != null ? buf : w;
        long n = w.size();
        if (n == 0) {
            return;
        }
        if (DeviceOps.on(w)) {
            DeviceOps.rmsprop(w, grad, squareAvg, gradAvg, buf, lr, alpha, eps, momentum, weightDecay, l1);
            return;
        }
        if (w.dtype() == DType.F32) {
            k.rmspropUpdateF32(w.segment(), w.offset(), squareAvg.segment(), squareAvg.offset(),
                    ga.segment(), ga.offset(), b.segment(), b.offset(), grad.segment(), grad.offset(), n,
                    (float) lr, (float) alpha, (float) eps, (float) momentum, centered, (float) weightDecay,
                    (float) l1);
        } else {
            k.rmspropUpdateF64(w.segment(), w.offset(), squareAvg.segment(), squareAvg.offset(),
                    ga.segment(), ga.offset(), b.segment(), b.offset(), grad.segment(), grad.offset(), n,
                    lr, alpha, eps, momentum, centered, weightDecay, l1);
        }
    }

    static void adam(Kernels k, Tensor w, Tensor grad, Tensor m, Tensor v, double stepSize, double beta1,
                     double beta2, double eps, double biasCorrection2Sqrt, double weightDecay, double l1,
                     double decay) {
        if (m == null || v == null) {
            throw new NullPointerException("adamUpdate: moment tensor " + (m == null ? "m" : "v") + " is null");
        }
        check("adamUpdate", ADAM_NAMES, w, grad, m, v, null);
        long n = w.size();
        if (n == 0) {
            return;
        }
        if (DeviceOps.on(w)) {
            DeviceOps.adam(w, grad, m, v, stepSize, beta1, beta2, eps, biasCorrection2Sqrt, weightDecay, l1, decay);
            return;
        }
        if (w.dtype() == DType.F32) {
            k.adamUpdateF32(w.segment(), w.offset(), m.segment(), m.offset(), v.segment(), v.offset(),
                    grad.segment(), grad.offset(), n, (float) stepSize, (float) beta1, (float) beta2, (float) eps,
                    (float) biasCorrection2Sqrt, (float) weightDecay, (float) l1, (float) decay);
        } else {
            k.adamUpdateF64(w.segment(), w.offset(), m.segment(), m.offset(), v.segment(), v.offset(),
                    grad.segment(), grad.offset(), n, stepSize, beta1, beta2, eps, biasCorrection2Sqrt,
                    weightDecay, l1, decay);
        }
    }
}
