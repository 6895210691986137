package dev.neurite.kernel;

/**
 * Element-wise losses of prediction {@code p} against target {@code t}, each a term to sum and its
 * derivative {@code d term / d p}. A target (or, for {@link #BINARY_CROSS_ENTROPY}, a prediction)
 * outside the loss's domain gives a NaN term, so that one read-back of the sum tells the caller
 * whether to look for the offending element.
 */
public enum PointwiseLoss {
    /** {@code |p - t|}; derivative {@code sign(p - t)}, 0 at {@code p == t}; NaN for a non-finite target. */
    ABSOLUTE_ERROR,
    /**
     * {@code -(t max(log p, -100) + (1 - t) max(log(1 - p), -100))}; derivative
     * {@code (p - t) / max(p (1 - p), 1e-12)}, as PyTorch; NaN unless {@code p} and {@code t} lie in {@code [0, 1]}.
     */
    BINARY_CROSS_ENTROPY,
    /**
     * On a logit {@code p}: {@code max(p, 0) - p t + log(1 + exp(-|p|))}; derivative
     * {@code sigmoid(p) - t}; NaN unless {@code t} lies in {@code [0, 1]}.
     */
    BINARY_CROSS_ENTROPY_WITH_LOGITS;

    /** Floor of each log term of the binary cross-entropy, as in PyTorch. */
    public static final double LOG_FLOOR = -100;
    /** Floor of {@code p (1 - p)} in the binary cross-entropy's derivative, as in PyTorch. */
    public static final double GRAD_EPS = 1e-12;
}
