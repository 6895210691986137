package dev.neurite.kernel.opencl;

import dev.neurite.kernel.PointwiseLoss;

/**
 * The kernels of {@code losses.cl}: element-wise losses with their gradients, the multi-class
 * hinge loss, and dropout's keep-masks, on device-resident buffers. Formulas as in
 * {@code ScalarLossKernels}. Methods enqueue and return without waiting; callers have checked
 * the shapes. Not thread-safe.
 */
final class OpenClLossOps implements AutoCloseable {

    static final String LOSSES = "losses.cl";
    private static final long LOCAL_1D = 64;

    private final OpenClContext context;
    private final KernelCall call;

    OpenClLossOps(OpenClContext context) {
        this.context = context;
        this.call = new KernelCall(context);
    }

    /** {@code terms[i]} and {@code dP[dPOff + i]} for {@code i < n}; {@code terms} from 0. */
    void pointwise(PointwiseLoss loss, OpenClBuffer dP, long dPOff, OpenClBuffer terms, OpenClBuffer p, long pOff,
                   OpenClBuffer t, long tOff, long n, double scale) {
        ClType precision = p.type();
        assert dP.type() == precision && terms.type() == precision && t.type() == precision : "loss types";
        assert dPOff + n <= dP.length() && pOff + n <= p.length() && tOff + n <= t.length() && n <= terms.length();
        call.begin(context.kernel(LOSSES, "pointwise_loss", precision), "pointwise_loss").arg(code(loss))
                .mem(dP).arg(dPOff).mem(terms).mem(p).arg(pOff).mem(t).arg(tOff).arg(n).real(scale, precision)
                .run1d(n, LOCAL_1D);
    }

    /** One row per work-item: {@code dS} and {@code rowLoss[0..rows)}. */
    void hinge(OpenClBuffer dS, long dSOff, long ldd, OpenClBuffer s, long sOff, long lds, OpenClBuffer labels,
               int rows, int cols, double margin, double w, OpenClBuffer rowLoss) {
        ClType precision = s.type();
        assert dS.type() == precision && rowLoss.type() == precision && labels.type() == ClType.INT32;
        call.begin(context.kernel(LOSSES, "hinge_rows", precision), "hinge_rows").mem(dS).arg(dSOff).arg(ldd)
                .mem(s).arg(sOff).arg(lds).mem(labels).arg(rows).arg(cols).real(margin, precision)
                .real(w, precision).mem(rowLoss).run1d(rows, LOCAL_1D);
    }

    /** {@code out[outOff + i] = draw(seed, i) < threshold ? scale : 0}. */
    void bernoulliMask(OpenClBuffer out, long outOff, long n, long seed, int threshold, double scale) {
        ClType precision = out.type();
        assert outOff + n <= out.length() : "mask outside the buffer";
        call.begin(context.kernel(LOSSES, "bernoulli_mask", precision), "bernoulli_mask").mem(out).arg(outOff)
                .arg(n).arg(seed).arg(threshold).real(scale, precision).run1d(n, LOCAL_1D);
    }

    /** The {@code LOSS_*} code of {@code losses.cl}. */
    private static int code(PointwiseLoss loss) {
        return switch (loss) {
            case ABSOLUTE_ERROR -> 0;
            case BINARY_CROSS_ENTROPY -> 1;
            case BINARY_CROSS_ENTROPY_WITH_LOGITS -> 2;
        };
    }

    @Override
    public void close() {
        call.close();
    }
}
