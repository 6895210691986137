package dev.neurite.nn;

import dev.neurite.nn.loss.Loss;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares analytical gradients (backward) with numerical ones for every parameter element and
 * every input element of a batch. The numerical gradient is the fourth-order central difference
 * {@code (8 (L(w + h) - L(w - h)) - (L(w + 2h) - L(w - 2h))) / (12 h)}: its truncation error is
 * {@code O(h^4)} instead of the two-point formula's {@code O(h^2)}, so with {@code h = 1e-4} both
 * truncation and float64 rounding stay near 1e-12, far below the 1e-7 being tested. Run it on a
 * float64 model: float32 rounding swamps any difference quotient.
 *
 * <p>The relative error of one element is {@code |a - n| / max(|a|, |n|)} (0 when both are 0),
 * the measure used by the classic gradient-check recipe; below 1e-7 means the gradients agree.
 * Stochastic layers (dropout) draw the same mask on every forward of the check.
 */
public final class GradientCheck {

    /** Default step {@code h}: balances O(h^4) truncation against float64 rounding of order 1e-16 / h. */
    public static final double DEFAULT_EPSILON = 1e-4;

    private GradientCheck() {
    }

    /** The largest errors found in one tensor. */
    public record Entry(String name, String shape, double maxRelativeError, double maxAbsoluteError) {
    }

    /** The result of a check: one entry per parameter and one for the input. */
    public record Report(List<Entry> parameters, Entry input) {

        /** The largest relative error over all parameters and the input. */
        public double maxRelativeError() {
            double max = input.maxRelativeError();
            for (Entry e : parameters) {
                max = Math.max(max, e.maxRelativeError());
            }
            return max;
        }

        /** A table, one line per tensor. */
        public String format() {
            StringBuilder sb = new StringBuilder();
            String fmt = "%-22s %-12s %16s %16s%n";
            sb.append(String.format(Locale.ROOT, fmt, "tensor", "shape", "max_rel_error", "max_abs_error"));
            for (Entry e : parameters) {
                sb.append(row(fmt, e));
            }
            sb.append(row(fmt, input));
            return sb.toString();
        }

        private static String row(String fmt, Entry e) {
            return String.format(Locale.ROOT, fmt, e.name(), e.shape(),
                    String.format(Locale.ROOT, "%.3e", e.maxRelativeError()),
                    String.format(Locale.ROOT, "%.3e", e.maxAbsoluteError()));
        }
    }

    /** Checks with {@link #DEFAULT_EPSILON}. */
    public static Report check(Sequential model, Loss loss, Tensor x, Tensor target) {
        return check(model, loss, x, target, DEFAULT_EPSILON);
    }

    /**
     * Checks every parameter and input gradient of {@code model} under {@code loss} on the batch
     * {@code (x, target)}, in the model's current mode. {@code x} is perturbed in place and restored.
     */
    public static Report check(Sequential model, Loss loss, Tensor x, Tensor target, double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("gradient check epsilon must be > 0, got " + epsilon);
        }
        model.zeroGrad();
        model.reseedTraining();
        Tensor out = model.forward(x);
        loss.forward(out, target);
        Tensor dX = model.backward(loss.backward()).copy();
        List<Entry> entries = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            Tensor analytic = p.grad().copy();
            entries.add(compare(p.name(), p.value(), analytic, model, loss, x, target, epsilon));
        }
        Entry input = compare("input", x, dX, model, loss, x, target, epsilon);
        return new Report(List.copyOf(entries), input);
    }

    private static Entry compare(String name, Tensor values, Tensor analytic, Sequential model, Loss loss,
                                 Tensor x, Tensor target, double eps) {
        double maxRel = 0;
        double maxAbs = 0;
        for (int i = 0; i < values.rows(); i++) {
            for (int j = 0; j < values.cols(); j++) {
                double saved = values.get(i, j);
                double plus = lossWith(values, i, j, saved + eps, model, loss, x, target);
                double minus = lossWith(values, i, j, saved - eps, model, loss, x, target);
                double plus2 = lossWith(values, i, j, saved + 2 * eps, model, loss, x, target);
                double minus2 = lossWith(values, i, j, saved - 2 * eps, model, loss, x, target);
                values.set(i, j, saved);
                double numeric = (8 * (plus - minus) - (plus2 - minus2)) / (12 * eps);
                double a = analytic.get(i, j);
                double abs = Math.abs(a - numeric);
                double scale = Math.max(Math.abs(a), Math.abs(numeric));
                double rel = scale == 0 ? 0 : abs / scale;
                if (Double.isNaN(rel)) {
                    rel = Double.POSITIVE_INFINITY;
                }
                maxRel = Math.max(maxRel, rel);
                maxAbs = Math.max(maxAbs, abs);
            }
        }
        return new Entry(name, values.rows() + "x" + values.cols(), maxRel, maxAbs);
    }

    private static double lossWith(Tensor values, int i, int j, double value, Sequential model, Loss loss,
                                   Tensor x, Tensor target) {
        values.set(i, j, value);
        model.reseedTraining();
        return loss.forward(model.forward(x), target);
    }
}
