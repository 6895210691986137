package dev.neurite.nn;

import dev.neurite.kernel.BinaryOp;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;

/**
 * Row-wise softmax, {@code y_ij = exp(x_ij) / sum_k exp(x_ik)} (computed stably); shapes
 * {@code (N, d) -> (N, d)}. Backward: {@code dX_ij = y_ij (dY_ij - sum_k dY_ik y_ik)}.
 *
 * <p>For models whose output must be probabilities (e.g. trained with MSE or BCE). For
 * classification prefer ending in logits and using {@code SoftmaxCrossEntropyLoss}, which fuses
 * softmax and log and is more accurate.
 */
public final class Softmax extends Layer {

    private static final int ROW_DOTS = LayerBuffers.FIRST_FREE;

    @Override
    public String typeName() {
        return "Softmax";
    }

    @Override
    public int outputFeatures(int inputFeatures) {
        return inputFeatures;
    }

    @Override
    public Tensor forward(Tensor x, LayerBuffers buffers) {
        Tensor y = buffers.output(x.rows(), x.cols());
        Ops.get().softmaxRows(y, x);
        return y;
    }

    @Override
    public Tensor backward(Tensor dY, LayerBuffers buffers) {
        Ops ops = Ops.get();
        int n = dY.rows();
        Tensor y = buffers.output(n, dY.cols());
        Tensor dX = buffers.dInput(n, dY.cols());
        Tensor dots = buffers.get(ROW_DOTS, n, 1); // sum_k dY_ik y_ik
        ops.mul(dX, dY, y);
        ops.rowSums(dots, dX);
        // dX_ij = y_ij (dY_ij - dots_i): whole-matrix ops, no per-row views, on any device
        ops.columnBroadcast(BinaryOp.SUB, dX, dY, dots);
        ops.mul(dX, dX, y);
        return dX;
    }
}
