package dev.neurite.train;

import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stops a diverging run: at the first mini-batch loss that is not finite or exceeds the
 * divergence bound, or the first step that leaves a parameter or a batch-norm running statistic
 * non-finite, it puts back the last good weights and throws a {@link TrainingDivergedException}
 * naming the epoch, step and loss, which ends {@link Trainer#fit}. Every fit is guarded: without a
 * {@code NanGuard} among its callbacks, {@code fit} adds a default one.
 *
 * <p><b>The divergence bound</b> is {@code max(relativeBound * |L0|, absoluteBound)}, where
 * {@code L0} is the loss of the fit's first step, the loss of the model as it came in (untrained,
 * or as loaded). A healthy run lowers its loss from there; the defaults of 10^6 for both allow a
 * million-fold rise over that, which noise, a bad batch or a learning rate merely too high do not
 * reach, and the absolute floor of 10^6 keeps a first loss near 0 (a model already fitted) from
 * making the bound tiny. A loss that does get there comes from weights that have run away (Adam at
 * a learning rate of 10^10 passes 10^19 in its second step), and would go on to overflow or to
 * sit, finite and meaningless, in the history. The bound is the first loss's, not the first
 * epoch's mean, because a run can explode within its first epoch. Pass
 * {@link Double#POSITIVE_INFINITY} for both to stop at non-finite values only.
 *
 * <p><b>The last good weights</b> are weights that a step computed a finite loss within the bound
 * with, and that were finite; they depend on the {@link Snapshot} mode. {@link Snapshot#EPOCH_START}
 * (the default) copies the weights at the start of every epoch and keeps them once that epoch's
 * first step has checked them, so a failure puts back the start of the failing epoch (or of the one
 * before, when the first step fails); it costs two weight copies per epoch. {@link Snapshot#EVERY_STEP}
 * copies after every good step, so a failure puts back the weights the last good loss was computed
 * with; it costs one weight copy per step (about as much as a plain SGD update). Either way the
 * guard holds two copies of the weights. Weights here are the parameters and the layers' state
 * tensors (batch-norm running statistics) together. The optimizer's state is not put back.
 *
 * <p>The weight check runs after every step, and again after every epoch and at the end of
 * training, where a device's weights reach the host. It sums each tensor (a finite sum proves all
 * elements finite) and scans only when a sum is not finite, so it costs one reduction per tensor.
 */
public final class NanGuard implements Callback {

    /** Default of the bound's factor over the first step's loss. */
    public static final double DEFAULT_RELATIVE_BOUND = 1e6;
    /** Default of the bound's absolute floor. */
    public static final double DEFAULT_ABSOLUTE_BOUND = 1e6;

    /** When the guard copies the weights it restores after a failure. */
    public enum Snapshot {
        /** At the start of every epoch. */
        EPOCH_START,
        /** After every step whose loss and weights were good. */
        EVERY_STEP
    }

    /** Where training was stopped: epoch and step from 0, and what went wrong. */
    public record Failure(int epoch, int step, String what) {
    }

    private final Snapshot mode;
    private final double relativeBound;
    private final double absoluteBound;
    private Sequential model;
    private ParameterSnapshot good;      // weights a good step computed its loss with
    private ParameterSnapshot candidate; // weights the next step's loss will check
    private String goodLabel;
    private String candidateLabel;
    private double lossBound;
    private String boundText;
    private int lastEpoch;
    private int lastStep;
    private double lastLoss;
    private Failure failure;

    /** A guard restoring the weights of the start of the failing epoch, with the default bound. */
    public NanGuard() {
        this(Snapshot.EPOCH_START);
    }

    /** A guard with the given snapshot mode and the default bound. */
    public NanGuard(Snapshot mode) {
        this(mode, DEFAULT_RELATIVE_BOUND, DEFAULT_ABSOLUTE_BOUND);
    }

    /**
     * A guard with the given snapshot mode and divergence bound
     * {@code max(relativeBound * |first step's loss|, absoluteBound)}.
     *
     * @param relativeBound at least 1; infinite for no relative bound
     * @param absoluteBound positive; infinite (with an infinite {@code relativeBound}) for no bound
     */
    public NanGuard(Snapshot mode, double relativeBound, double absoluteBound) {
        if (mode == null) {
            throw new IllegalArgumentException("NanGuard needs a snapshot mode");
        }
        if (!(relativeBound >= 1)) {
            throw new IllegalArgumentException("NanGuard relativeBound must be at least 1, got " + relativeBound);
        }
        if (!(absoluteBound > 0)) {
            throw new IllegalArgumentException("NanGuard absoluteBound must be positive, got " + absoluteBound);
        }
        this.mode = mode;
        this.relativeBound = relativeBound;
        this.absoluteBound = absoluteBound;
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        teardown();
        model = trainer.model();
        good = new ParameterSnapshot(model);
        candidate = new ParameterSnapshot(model);
        failure = null;
        lossBound = Double.NaN;
        lastEpoch = -1;
        good.save();
        goodLabel = "the weights the fit started with";
    }

    @Override
    public void onEpochBegin(int epoch) {
        candidate.save();
        candidateLabel = "the weights from the start of epoch " + (epoch + 1);
    }

    @Override
    public void onBatchEnd(int epoch, int step, double loss) {
        lastEpoch = epoch;
        lastStep = step;
        lastLoss = loss;
        String problem = lossProblem(loss);
        if (problem == null && (mode == Snapshot.EVERY_STEP || step == 0)) {
            // this step's loss was computed with the candidate: it is good
            ParameterSnapshot swap = good;
            good = candidate;
            candidate = swap;
            goodLabel = candidateLabel;
        }
        if (problem == null) {
            if (model.device().isHost()) {
                // on a device each check is a read-back per tensor, a wait on the device's queue; there
                // the weights are checked at the epoch's end, and a non-finite weight makes the next
                // step's loss, checked here, non-finite anyway
                checkTensors();
            }
            if (mode == Snapshot.EVERY_STEP) {
                candidate.save();
                candidateLabel = "the weights after step " + (step + 1) + " of epoch " + (epoch + 1);
            }
            return;
        }
        fail(problem);
    }

    /** Checks again: on a device the weights are checked here rather than after every step. */
    @Override
    public boolean onEpochEnd(int epoch, EpochLogs logs) {
        checkTensors();
        return false;
    }

    /** Checks again: on a device a stop in mid-epoch leaves weights no check saw. */
    @Override
    public void onTrainEnd(History history) {
        if (lastEpoch >= 0) {
            checkTensors();
        }
    }

    /** Frees the fit's weight snapshots (a divergence has put the good weights back already). */
    @Override
    public void teardown() {
        if (good != null) {
            good.close();
            candidate.close();
            good = null;
            candidate = null;
        }
    }

    /** Fails when a parameter or state tensor holds a NaN or infinity after the last step. */
    private void checkTensors() {
        String tensor = nonFiniteTensor();
        if (tensor != null) {
            fail("loss " + format(lastLoss) + ", but the step left " + tensor);
        }
    }

    private void fail(String problem) {
        good.restore();
        failure = new Failure(lastEpoch, lastStep, problem);
        throw new TrainingDivergedException(lastEpoch, lastStep, lastLoss, problem, goodLabel);
    }

    /** What is wrong with a step's loss, or null; the first step's loss sets the bound. */
    private String lossProblem(double loss) {
        if (!Double.isFinite(loss)) {
            return "loss " + loss;
        }
        double size = Math.abs(loss);
        if (Double.isNaN(lossBound)) {
            double relative = size == 0 ? 0 : relativeBound * size;
            lossBound = Math.max(relative, absoluteBound);
            boundText = relative >= absoluteBound
                    ? format(relativeBound) + " times the first step's loss " + format(loss)
                    : "the absolute floor; the first step's loss was " + format(loss);
            return null;
        }
        if (size > lossBound) {
            return "loss " + format(loss) + " exceeds the divergence bound " + format(lossBound) + " (" + boundText + ")";
        }
        return null;
    }

    /** The first parameter or state tensor element that is NaN or infinite, described, or null. */
    private String nonFiniteTensor() {
        for (Parameter p : model.parameters()) {
            String where = nonFinite(p.name(), p.value());
            if (where != null) {
                return "parameter " + where;
            }
        }
        for (Map.Entry<String, Tensor> e : model.stateTensors().entrySet()) {
            String where = nonFinite(e.getKey(), e.getValue());
            if (where != null) {
                return where;
            }
        }
        return null;
    }

    private static String nonFinite(String name, Tensor v) {
        if (Double.isFinite(Ops.get().sum(v))) {
            return null;
        }
        double[] values = v.toDoubleArray(); // rare: only when the sum is not finite; reads a device back
        for (int i = 0; i < v.rows(); i++) {
            for (int j = 0; j < v.cols(); j++) {
                double x = values[i * v.cols() + j];
                if (!Double.isFinite(x)) {
                    return name + "[" + i + ", " + j + "] = " + x;
                }
            }
        }
        return null; // the sum overflowed, the elements are finite
    }

    private static String format(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4g", x) : Double.toString(x);
    }

    /** The divergence bound of the current or last fit; NaN before its first step. */
    public double lossBound() {
        return lossBound;
    }

    /** The failure of the last fit, if it had one. */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }
}
