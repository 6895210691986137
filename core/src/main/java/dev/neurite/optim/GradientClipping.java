package dev.neurite.optim;

import dev.neurite.nn.Parameter;
import dev.neurite.tensor.Ops;
import java.util.List;

/**
 * Gradient clipping, applied to {@link Parameter#grad()} in place between backward and
 * {@link Optimizer#step()}, as {@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}.
 */
public final class GradientClipping {

    /** Added to the norm before dividing, as in PyTorch, so a zero gradient stays zero. */
    public static final double NORM_EPS = 1e-6;

    private GradientClipping() {
    }

    /**
     * {@code limit}, checked as a clipping limit (a max norm or clip value) is: finite and
     * {@code >= 0}, 0 meaning no clipping where a caller takes it so.
     *
     * @throws IllegalArgumentException naming {@code what} and the value otherwise
     */
    public static double checkLimit(String what, double limit) {
        return Hyper.nonNegative(what, limit);
    }

    /**
     * Scales all gradients by {@code maxNorm / (norm + 1e-6)} when that is below 1, where
     * {@code norm} is the L2 norm of all gradients taken together, as
     * {@code clip_grad_norm_(params, maxNorm, norm_type=2)}. A NaN or infinite norm scales the
     * gradients by NaN or 0, as PyTorch does (its {@code error_if_nonfinite=False} default).
     *
     * @return the total norm before clipping
     * @throws IllegalArgumentException when {@code maxNorm} is negative, infinite or NaN
     */
    public static double clipByGlobalNorm(List<Parameter> parameters, double maxNorm) {
        Hyper.nonNegative("max norm", maxNorm);
        Ops ops = Ops.get();
        double sumOfSquares = 0;
        for (int i = 0; i < parameters.size(); i++) {
            sumOfSquares += ops.sumOfSquares(parameters.get(i).grad());
        }
        double norm = Math.sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + NORM_EPS);
        if (!(coefficient >= 1)) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                ops.scale(p.grad(), coefficient, p.grad());
            }
        }
        return norm;
    }

    /**
     * Clamps every gradient element into {@code [-clipValue, clipValue]}, as
     * {@code clip_grad_value_(params, clipValue)}; NaN stays NaN.
     *
     * @throws IllegalArgumentException when {@code clipValue} is negative, infinite or NaN
     */
    public static void clipByValue(List<Parameter> parameters, double clipValue) {
        Hyper.nonNegative("clip value", clipValue);
        Ops ops = Ops.get();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            ops.clamp(p.grad(), p.grad(), -clipValue, clipValue);
        }
    }
}
