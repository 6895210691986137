package dev.neurite.nn.loss;

import dev.neurite.nn.KinkSides;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * Multi-class hinge loss in the Weston-Watkins sum form (the linear SVM loss of cs231n), not the
 * Crammer-Singer max form: for scores {@code s (N, C)} and class labels {@code y (N, 1)},
 * {@code L_i = sum_{j != y_i} max(0, s_ij - s_iy_i + margin)}, {@code L = (1/N) sum_i L_i},
 * margin 1 by default.
 *
 * <p>Gradient: every class {@code j != y_i} with a positive margin term gets {@code +1/N} and the
 * true class gets {@code -1/N} for each of them; a term exactly at its kink (0) counts as inactive.
 */
public final class MultiClassHingeLoss extends Loss {

    /** The default margin. */
    public static final double DEFAULT_MARGIN = 1;

    private final double margin;
    private Tensor scores;
    private int[] labels;
    private Tensor grad;

    /** Hinge loss with margin 1. */
    public MultiClassHingeLoss() {
        this(DEFAULT_MARGIN);
    }

    /** Hinge loss with the given margin {@code > 0}. */
    public MultiClassHingeLoss(double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("hinge margin must be a finite value > 0, got " + margin);
        }
        this.margin = margin;
    }

    /** The margin. */
    public double margin() {
        return margin;
    }

    @Override
    public String name() {
        return "multiclass-hinge";
    }

    @Override
    public double forward(Tensor s, Tensor t) {
        requireSameDtype(s, t);
        int n = s.rows();
        int classes = s.cols();
        if (t.rows() != n || t.cols() != 1) {
            throw new IllegalArgumentException(name() + ": target " + t.shape() + " must be class indices ("
                    + n + "x1) for scores " + s.shape());
        }
        if (classes < 2) {
            throw new IllegalArgumentException(name() + ": scores " + s.shape() + " need at least 2 classes");
        }
        labels = labels(t, classes, labels);
        grad = buffers(s).dInput(n, classes);
        double total = Ops.get().multiClassHinge(grad, s, labels, margin, 1.0 / Math.max(1, n));
        scores = s;
        return total / Math.max(1, n);
    }

    /** Each margin term {@code max(0, s_ij - s_iy + margin)} has its kink at 0. */
    @Override
    public void recordKinkSides(KinkSides sides) {
        if (scores == null) {
            return;
        }
        for (int i = 0; i < scores.rows(); i++) {
            double correct = scores.get(i, labels[i]);
            for (int j = 0; j < scores.cols(); j++) {
                if (j != labels[i]) {
                    sides.add(name(), scores.get(i, j) - correct + margin);
                }
            }
        }
    }

    @Override
    public Tensor backward() {
        if (grad == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        return grad;
    }
}
