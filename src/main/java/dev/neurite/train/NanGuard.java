package dev.neurite.train;

import dev.neurite.nn.Parameter;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * Stops training at the first non-finite mini-batch loss or parameter value, naming the epoch
 * and step, and puts back the last good weights.
 *
 * <p>"Last good weights" depends on the {@link Snapshot} mode. {@link Snapshot#EPOCH_START}
 * (the default) copies the parameters once at the start of every epoch, the weights after the
 * last step of the previous, fully checked epoch; it costs one parameter copy per epoch, and a
 * failure loses the failing epoch's progress. {@link Snapshot#EVERY_STEP} copies after every
 * step that passed the check, so the weights after the last good step come back; it costs one
 * parameter copy per step (about as much as a plain SGD update).
 *
 * <p>The parameter check sums each parameter (a finite sum proves all elements finite) and scans
 * only when a sum is not finite, so it costs one reduction per parameter per step.
 */
public final class NanGuard implements Callback {

    /** When the guard copies the parameters it restores after a failure. */
    public enum Snapshot {
        /** At the start of every epoch. */
        EPOCH_START,
        /** After every step whose loss and parameters were finite. */
        EVERY_STEP
    }

    /** Where training was stopped: epoch and step from 0, and what was not finite. */
    public record Failure(int epoch, int step, String what) {
    }

    private final Snapshot mode;
    private Trainer trainer;
    private List<Parameter> parameters;
    private ParameterSnapshot snapshot;
    private Failure failure;

    /** A guard restoring the weights of the start of the failing epoch. */
    public NanGuard() {
        this(Snapshot.EPOCH_START);
    }

    /** A guard with the given snapshot mode. */
    public NanGuard(Snapshot mode) {
        if (mode == null) {
            throw new IllegalArgumentException("NanGuard needs a snapshot mode");
        }
        this.mode = mode;
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        this.trainer = trainer;
        List<Parameter> params = trainer.model().parameters();
        if (snapshot == null || !params.equals(parameters)) {
            parameters = params;
            snapshot = new ParameterSnapshot(params);
        }
        failure = null;
        snapshot.save();
    }

    @Override
    public void onEpochBegin(int epoch) {
        if (mode == Snapshot.EPOCH_START) {
            snapshot.save();
        }
    }

    @Override
    public void onBatchEnd(int epoch, int step, double loss) {
        String what = Double.isFinite(loss) ? nonFiniteParameter() : "loss " + loss;
        if (what == null) {
            if (mode == Snapshot.EVERY_STEP) {
                snapshot.save();
            }
            return;
        }
        snapshot.restore();
        failure = new Failure(epoch, step, what);
        String restored = mode == Snapshot.EPOCH_START
                ? "the weights from the start of epoch " + (epoch + 1)
                : "the weights after the last good step";
        trainer.stop("non-finite " + what + " at epoch " + (epoch + 1) + ", step " + (step + 1)
                + "; restored " + restored);
    }

    /** The first parameter holding a NaN or infinity, described, or null. */
    private String nonFiniteParameter() {
        Ops ops = Ops.get();
        for (Parameter p : parameters) {
            Tensor v = p.value();
            if (Double.isFinite(ops.sum(v))) {
                continue;
            }
            for (int i = 0; i < v.rows(); i++) {
                for (int j = 0; j < v.cols(); j++) {
                    double x = v.get(i, j);
                    if (!Double.isFinite(x)) {
                        return "parameter " + p.name() + "[" + i + ", " + j + "] = " + x;
                    }
                }
            }
        }
        return null;
    }

    /** The failure of the last fit, if it had one. */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }
}
