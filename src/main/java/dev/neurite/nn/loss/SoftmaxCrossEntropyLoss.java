package dev.neurite.nn.loss;

import dev.neurite.nn.LayerBuffers;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * Softmax cross-entropy on logits, fused and stable: {@code L = -(1/N) sum_i sum_j t_ij *
 * log_softmax(z)_ij}; {@code dL/dz = (softmax(z) - t) / N}.
 *
 * <p>Logits {@code z} are {@code (N, C)}. The target is either {@code (N, 1)} class indices
 * (integers in {@code [0, C)}) or {@code (N, C)} probabilities (one-hot or soft labels).
 */
public final class SoftmaxCrossEntropyLoss extends Loss {

    private static final int LOG_PROBS = LayerBuffers.FIRST_FREE;

    private Tensor logits;
    private Tensor target;
    private int[] labels;
    private boolean indexTarget;

    @Override
    public String name() {
        return "softmax-ce";
    }

    @Override
    public double forward(Tensor z, Tensor t) {
        requireSameDtype(z, t);
        int n = z.rows();
        int classes = z.cols();
        if (t.rows() != n || (t.cols() != 1 && t.cols() != classes) || (t.cols() == 1 && classes == 1)) {
            throw new IllegalArgumentException(name() + ": target " + t.shape() + " fits neither class indices ("
                    + n + "x1) nor probabilities (" + n + "x" + classes + ") for logits " + z.shape());
        }
        indexTarget = t.cols() == 1;
        Tensor logProbs = buffers(z).get(LOG_PROBS, n, classes);
        Ops.get().logSoftmaxRows(logProbs, z);
        double total = 0;
        if (indexTarget) {
            labels = labels(t, classes, labels);
            for (int i = 0; i < n; i++) {
                total -= logProbs.get(i, labels[i]);
            }
        } else {
            total = -Ops.get().dot(logProbs, t);
        }
        logits = z;
        target = t;
        return total / Math.max(1, n);
    }

    @Override
    public Tensor backward() {
        if (logits == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        int n = logits.rows();
        Ops ops = Ops.get();
        Tensor grad = buffers(logits).dInput(n, logits.cols());
        ops.softmaxRows(grad, logits);
        if (indexTarget) {
            for (int i = 0; i < n; i++) {
                grad.set(i, labels[i], grad.get(i, labels[i]) - 1);
            }
        } else {
            ops.sub(grad, grad, target);
        }
        ops.scale(grad, 1.0 / Math.max(1, n), grad);
        return grad;
    }
}
