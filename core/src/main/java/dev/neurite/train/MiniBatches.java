package dev.neurite.train;

import dev.neurite.tensor.Tensor;
import java.util.Random;

/** The shuffled order and batch buffers of one fit. */
final class MiniBatches implements AutoCloseable {

    private final Tensor x;
    private final Tensor y;
    private final int batch;
    private final int steps;
    private final int[] order;
    private final Random random;
    private final Tensor xBuffer; // null for full batch: the data are used in place
    private final Tensor yBuffer;
    private final Tensor xTail; // views for a last, smaller batch
    private final Tensor yTail;
    private Tensor xCurrent;
    private Tensor yCurrent;

    MiniBatches(Tensor x, Tensor y, int batch, long seed) {
        this.x = x;
        this.y = y;
        this.batch = batch;
        int n = x.rows();
        this.steps = (n + batch - 1) / batch;
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.random = new Random(seed);
        if (batch < n) {
            xBuffer = Tensor.zeros(x.dtype(), batch, x.cols());
            yBuffer = Tensor.zeros(y.dtype(), batch, y.cols());
            int tail = n % batch;
            xTail = tail == 0 ? xBuffer : xBuffer.rows(0, tail);
            yTail = tail == 0 ? yBuffer : yBuffer.rows(0, tail);
        } else {
            xBuffer = yBuffer = xTail = yTail = null;
        }
    }

    boolean shuffled() {
        return xBuffer != null;
    }

    int steps() {
        return steps;
    }

    int rows() {
        return order.length;
    }

    int batchSize() {
        return batch;
    }

    /** The current row order (identity unless shuffled). */
    int[] order() {
        return order;
    }

    /** Fisher-Yates, continuing one seeded stream across epochs. */
    void shuffle() {
        if (!shuffled()) {
            return;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    void load(int step) {
        load(step, true);
    }

    /** Gathers the batch of {@code step}: inputs and targets, or with {@code inputs} false the targets only. */
    void load(int step, boolean inputs) {
        if (!shuffled()) {
            xCurrent = x;
            yCurrent = y;
            return;
        }
        int from = step * batch;
        boolean full = from + batch <= order.length;
        xCurrent = full ? xBuffer : xTail;
        yCurrent = full ? yBuffer : yTail;
        if (inputs) {
            xCurrent.gatherRows(x, order, from);
        }
        yCurrent.gatherRows(y, order, from);
    }

    /** The training inputs, all rows in their stored order. */
    Tensor allInputs() {
        return x;
    }

    /** The rows of step {@code step}: {@code order()[from, from + n)}. */
    int batchRows(int step) {
        return Math.min(batch, order.length - step * batch);
    }

    Tensor x() {
        return xCurrent;
    }

    Tensor y() {
        return yCurrent;
    }

    @Override
    public void close() {
        if (xBuffer != null) {
            xBuffer.close();
            yBuffer.close();
        }
    }
}
