package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import dev.neurite.tensor.TensorScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares analytical gradients (backward) with numerical ones for every parameter element and
 * every input element of a batch.
 *
 * <p><b>Numerical gradient.</b> The fourth-order central difference
 * {@code (8 (L(w + h) - L(w - h)) - (L(w + 2h) - L(w - 2h))) / (12 h)}: its truncation error is
 * {@code O(h^4)} instead of the two-point formula's {@code O(h^2)}, so in float64 with
 * {@code h = 1e-4} rounding stays near 1e-12 times the loss and truncation is usually smaller
 * (up to about 1e-8 of the gradient behind a layer norm, whose higher derivatives are large).
 *
 * <p><b>Kinks.</b> ReLU, LeakyReLU, the MAE and hinge losses and clamped logs are not
 * differentiable at their kinks. When one of the five points {@code w, w +- h, w +- 2h} lies on
 * the other side of a kink from {@code w}, the difference quotient mixes two slopes and can be off
 * by any amount although backward is right (a ReLU crossed by {@code h = 1e-4} easily reads as a
 * relative error above 1). So at every point of the stencil the check records which side of its
 * kink each non-smooth element took ({@link KinkSides}: layers and losses report their own) and
 * compares it with the checked point: an element whose stencil crosses a kink is skipped and
 * counted against the function that was crossed, never compared. Moving {@code w} away from the
 * kink instead would check a different point than the one backward computed; shrinking {@code h}
 * only makes crossings rarer while rounding grows as {@code 1 / h}; a one-sided stencil on the
 * checked point's side needs more points clear of the kink and amplifies rounding about sevenfold.
 * Skips are rare with the default step (a function input must lie within {@code 2h} times its
 * sensitivity to the element of its kink), but
 * a ReLU input that sits exactly on its kink (a zero bias feeding a unit whose inputs are all 0
 * for some row) makes every element that moves it unverifiable: the table shows such a tensor as
 * {@code unchecked}. A check that compared nothing at all does not pass.
 *
 * <p><b>Verdict.</b> Each checked element passes when
 * {@code |analytic - numeric| <= atol + rtol * |numeric|}, PyTorch's {@code gradcheck} rule: the
 * relative term judges elements of ordinary size, {@code atol} the ones near 0, where a relative
 * error only measures rounding (an element of 4e-6 with an absolute error of 1e-12 is right).
 * The reported relative error of an element is
 * {@code |analytic - numeric| / max(|numeric|, atol / rtol)}: the same rule on one scale, so an
 * element reading at most {@code rtol} passes and one that passes reads at most {@code 2 rtol};
 * {@link Report#maxRelativeError()} is its maximum. With {@link Settings#FLOAT64} a correct
 * gradient reads below 1e-7, the classic standard, and fails only beyond 1e-6;
 * {@link Settings#FLOAT32} only catches gross errors, since float32 rounding of the loss swamps
 * any difference quotient.
 *
 * <p>The check runs in the model's current mode. Stochastic layers (dropout) draw the same mask on
 * every forward; the training random state and batch-norm running statistics are restored at the
 * end, so the check leaves the model as it found it (except for the parameter gradients).
 */
public final class GradientCheck {

    /** Default step {@code h} in float64: balances O(h^4) truncation against rounding of order 1e-16 / h. */
    public static final double DEFAULT_EPSILON = 1e-4;

    private GradientCheck() {
    }

    /**
     * The step {@code epsilon} of the finite differences and the tolerances of the verdict
     * {@code |analytic - numeric| <= atol + rtol * |numeric|}.
     */
    public record Settings(double epsilon, double atol, double rtol) {

        /**
         * Float64. For a loss of order 1 the numerical gradient is good to about 1e-11 absolute
         * (rounding, of order 1e-16 times the loss over {@code h}) and 1e-8 relative (truncation,
         * largest behind a layer norm); wrong formulas are off by far more than 1e-6. Elements
         * below {@code atol / rtol = 1e-3} are judged by their absolute error, at most about 1e-9.
         */
        public static final Settings FLOAT64 = new Settings(DEFAULT_EPSILON, 1e-9, 1e-6);

        /**
         * Float32. The loss is rounded to about 1e-7 of itself, so the difference quotient carries
         * about 1e-4 of absolute noise at {@code h = 3e-3} (a larger step gives more truncation
         * error and more kink crossings); these tolerances catch wrong formulas (a missing term, a
         * wrong sign or factor), not errors of a few percent. Check in float64.
         */
        public static final Settings FLOAT32 = new Settings(3e-3, 1e-3, 5e-2);

        /** Checks the values: a finite {@code epsilon > 0}, {@code atol >= 0}, {@code rtol > 0}. */
        public Settings {
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("gradient check epsilon must be a finite value > 0, got " + epsilon);
            }
            if (!(atol >= 0) || Double.isInfinite(atol)) {
                throw new IllegalArgumentException("gradient check atol must be a finite value >= 0, got " + atol);
            }
            if (!(rtol > 0) || Double.isInfinite(rtol)) {
                throw new IllegalArgumentException("gradient check rtol must be a finite value > 0, got " + rtol);
            }
        }

        /** {@link #FLOAT64} or {@link #FLOAT32}. */
        public static Settings defaults(DType dtype) {
            return dtype == DType.F32 ? FLOAT32 : FLOAT64;
        }

        /** These settings with another step. */
        public Settings withEpsilon(double epsilon) {
            return new Settings(epsilon, atol, rtol);
        }

        /** These settings with other tolerances. */
        public Settings withTolerances(double atol, double rtol) {
            return new Settings(epsilon, atol, rtol);
        }

        /** True when an element passes: {@code |analytic - numeric| <= atol + rtol * |numeric|}. */
        public boolean accepts(double analytic, double numeric) {
            return Math.abs(analytic - numeric) <= atol + rtol * Math.abs(numeric);
        }

        /** {@code |analytic - numeric| / max(|numeric|, atol / rtol)}; infinite when either is NaN. */
        public double relativeError(double analytic, double numeric) {
            double error = Math.abs(analytic - numeric);
            if (Double.isNaN(error)) {
                return Double.POSITIVE_INFINITY;
            }
            double scale = Math.max(Math.abs(numeric), atol / rtol);
            return error == 0 ? 0 : error / scale;
        }
    }

    /**
     * The result for one tensor: {@code elements} in all, {@code skipped} of them because their
     * finite difference crossed a kink (counted per crossed function in {@code skippedByKink}),
     * {@code failed} checked ones beyond the tolerance, and the largest absolute and relative
     * errors over the checked ones.
     */
    public record Entry(String name, String shape, int elements, int skipped, Map<String, Integer> skippedByKink,
                        int failed, double maxAbsoluteError, double maxRelativeError) {

        /** Copies the map. */
        public Entry {
            skippedByKink = Map.copyOf(skippedByKink);
        }

        /** Elements compared. */
        public int checked() {
            return elements - skipped;
        }

        /** No checked element failed. */
        public boolean passed() {
            return failed == 0;
        }
    }

    /** The result of a check: one entry per parameter and one for the input. */
    public record Report(List<Entry> parameters, Entry input, Settings settings) {

        /** Copies the list. */
        public Report {
            parameters = List.copyOf(parameters);
        }

        /** Every entry, the input last. */
        public List<Entry> entries() {
            List<Entry> all = new ArrayList<>(parameters);
            all.add(input);
            return all;
        }

        /** The largest relative error over all checked elements. */
        public double maxRelativeError() {
            return entries().stream().mapToDouble(Entry::maxRelativeError).max().orElse(0);
        }

        /** The largest absolute error over all checked elements. */
        public double maxAbsoluteError() {
            return entries().stream().mapToDouble(Entry::maxAbsoluteError).max().orElse(0);
        }

        /** Elements skipped because their finite difference crossed a kink. */
        public int skipped() {
            return entries().stream().mapToInt(Entry::skipped).sum();
        }

        /** Elements compared. */
        public int checked() {
            return entries().stream().mapToInt(Entry::checked).sum();
        }

        /** True when no checked element failed and at least one element was checked. */
        public boolean passed() {
            return checked() > 0 && entries().stream().allMatch(Entry::passed);
        }

        /** Why the check did not pass, in one line; empty when it passed. */
        public String failure() {
            if (checked() == 0) {
                return "every element's finite difference crossed a kink, nothing was checked";
            }
            List<String> tensors = new ArrayList<>();
            int failed = 0;
            for (Entry e : entries()) {
                if (e.failed() > 0) {
                    tensors.add(e.name() + " " + e.failed());
                    failed += e.failed();
                }
            }
            if (tensors.isEmpty()) {
                return "";
            }
            return failed + " of " + checked() + " checked elements beyond atol + rtol * |numeric| ("
                    + String.join(", ", tensors) + ")";
        }

        /** A table, one line per tensor, then the skipped elements and the rule. */
        public String format() {
            return GradientCheckTable.format(this);
        }
    }

    /** Checks with the defaults for the model's element type ({@link Settings#defaults}). */
    public static Report check(Sequential model, Objective loss, Tensor x, Tensor target) {
        return check(model, loss, x, target, Settings.defaults(model.dtype()));
    }

    /** Checks with the default tolerances for the model's element type and the step {@code epsilon}. */
    public static Report check(Sequential model, Objective loss, Tensor x, Tensor target, double epsilon) {
        return check(model, loss, x, target, Settings.defaults(model.dtype()).withEpsilon(epsilon));
    }

    /**
     * Checks every parameter and input gradient of {@code model} under {@code loss} on the batch
     * {@code (x, target)}, in the model's current mode. {@code x} is perturbed in place and restored.
     */
    public static Report check(Sequential model, Objective loss, Tensor x, Tensor target, Settings settings) {
        // the copies of gradients and batch-norm statistics live as long as the check
        try (TensorScope copies = TensorScope.open()) {
            ModelState state = new ModelState(model, copies);
            try {
                model.zeroGrad();
                model.reseedTraining();
                Tensor out = model.forward(x);
                loss.forward(out, target);
                KinkSides reference = new KinkSides();
                model.recordKinkSides(reference);
                loss.recordKinkSides(reference);
                Tensor dX = copies.copyOf(model.backward(loss.backward()));
                Probe probe = new Probe(model, loss, x, target, reference);
                List<Entry> entries = new ArrayList<>();
                for (Parameter p : model.parameters()) {
                    entries.add(compare(p.name(), p.value(), copies.copyOf(p.grad()), probe, settings));
                }
                Entry input = compare("input", x, dX, probe, settings);
                return new Report(entries, input, settings);
            } finally {
                state.restore();
            }
        }
    }

    private static Entry compare(String name, Tensor values, Tensor analytic, Probe probe, Settings settings) {
        double eps = settings.epsilon();
        double[] steps = {eps, -eps, 2 * eps, -2 * eps};
        double[] losses = new double[steps.length];
        Map<String, Integer> skippedByKink = new LinkedHashMap<>();
        int skipped = 0;
        int failed = 0;
        double maxAbs = 0;
        double maxRel = 0;
        for (int i = 0; i < values.rows(); i++) {
            for (int j = 0; j < values.cols(); j++) {
                double saved = values.get(i, j);
                String crossed = null;
                for (int k = 0; k < steps.length && crossed == null; k++) {
                    values.set(i, j, saved + steps[k]);
                    losses[k] = probe.loss();
                    crossed = probe.crossedKink();
                }
                values.set(i, j, saved);
                if (crossed != null) {
                    skipped++;
                    skippedByKink.merge(crossed, 1, Integer::sum);
                    continue;
                }
                double numeric = (8 * (losses[0] - losses[1]) - (losses[2] - losses[3])) / (12 * eps);
                double a = analytic.get(i, j);
                double abs = Math.abs(a - numeric);
                maxAbs = Math.max(maxAbs, Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs);
                maxRel = Math.max(maxRel, settings.relativeError(a, numeric));
                if (!settings.accepts(a, numeric)) {
                    failed++;
                }
            }
        }
        return new Entry(name, values.rows() + "x" + values.cols(), values.rows() * values.cols(), skipped,
                skippedByKink, failed, maxAbs, maxRel);
    }

    /** One forward of the check and the kink sides it took. */
    private static final class Probe {

        private final Sequential model;
        private final Objective loss;
        private final Tensor x;
        private final Tensor target;
        private final KinkSides reference;
        private final KinkSides sides = new KinkSides();

        Probe(Sequential model, Objective loss, Tensor x, Tensor target, KinkSides reference) {
            this.model = model;
            this.loss = loss;
            this.x = x;
            this.target = target;
            this.reference = reference;
        }

        double loss() {
            model.reseedTraining();
            return loss.forward(model.forward(x), target);
        }

        /** The function whose kink the last forward crossed, relative to the checked point; null if none. */
        String crossedKink() {
            sides.clear();
            model.recordKinkSides(sides);
            loss.recordKinkSides(sides);
            return sides.firstCrossing(reference);
        }
    }

    /** What the many forwards of a check change besides the gradients, saved to be put back. */
    private static final class ModelState {

        private final Sequential model;
        private final long random;
        /** Each layer's state tensor (BatchNorm's running statistics, say) and a copy of it. */
        private final List<Tensor[]> layerState = new ArrayList<>();

        ModelState(Sequential model, TensorScope copies) {
            this.model = model;
            this.random = model.trainingRandomState();
            for (Layer layer : model.layers()) {
                for (Tensor state : layer.stateTensors().values()) {
                    layerState.add(new Tensor[] {state, copies.copyOf(state)});
                }
            }
        }

        void restore() {
            model.restoreTrainingRandomState(random);
            for (Tensor[] saved : layerState) {
                saved[0].copyFrom(saved[1]);
            }
        }
    }
}
