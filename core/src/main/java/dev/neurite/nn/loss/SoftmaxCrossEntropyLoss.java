package dev.neurite.nn.loss;

import dev.neurite.nn.LayerBuffers;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * Softmax cross-entropy on logits, fused and stable: {@code L = -(1/N) sum_i sum_j t_ij *
 * log_softmax(z)_ij}; {@code dL/dz = (softmax(z) - t) / N}.
 *
 * <p>With class indices, forward computes the loss and the gradient in one pass over the logits
 * and backward returns that gradient.
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
        logits = z;
        target = t;
        if (indexTarget) {
            // loss and gradient in one pass; backward hands out the gradient computed here
            labels = labels(t, classes, labels);
            Tensor grad = buffers(z).dInput(n, classes);
            return Ops.get().softmaxCrossEntropy(grad, z, labels, 1.0 / Math.max(1, n)) / Math.max(1, n);
        }
        Tensor logProbs = buffers(z).get(LOG_PROBS, n, classes);
        Ops.get().logSoftmaxRows(logProbs, z);
        return -Ops.get().dot(logProbs, t) / Math.max(1, n);
    }

    @Override
    public Tensor backward() {
        if (logits == null) {
            throw new IllegalStateException(name() + ": backward called before forward");
        }
        int n = logits.rows();
        Tensor grad = buffers(logits).dInput(n, logits.cols());
        if (!indexTarget) {
            Ops ops = Ops.get();
            ops.softmaxRows(grad, logits);
            ops.sub(grad, grad, target);
            ops.scale(grad, 1.0 / Math.max(1, n), grad);
        }
        return grad;
    }
}
