package dev.neurite.nn;

import dev.neurite.kernel.BinaryOp;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Layer normalisation over the features of each row, like PyTorch's {@code LayerNorm(d)}:
 * shapes {@code (N, d) -> (N, d)}, {@code y = gamma * xhat + beta} with
 * {@code xhat_i = (x_i - mean_i) / sqrt(var_i + eps)}, where {@code mean_i} and the biased
 * {@code var_i} are taken over row {@code i}. No running statistics: training and evaluation
 * compute the same thing. {@code gamma} starts at 1 and {@code beta} at 0, both {@code (1, d)}.
 *
 * <p>Backward, per row with {@code g = dY * gamma}:
 * {@code dX = (g - mean(g) - xhat * mean(g * xhat)) / sqrt(var + eps)}.
 */
public final class LayerNorm extends Layer {

    /** PyTorch's default variance floor. */
    public static final double DEFAULT_EPS = 1e-5;

    private static final int XHAT = LayerBuffers.FIRST_FREE;         // (N, d) normalised input
    private static final int INV_STD = LayerBuffers.FIRST_FREE + 1;  // (N, 1) per-row 1 / sqrt(var + eps)
    private static final int SCRATCH = LayerBuffers.FIRST_FREE + 2;  // (N, d)
    private static final int PARAM_GRAD = LayerBuffers.FIRST_FREE + 3; // (1, d)
    private static final int ROW_SUM_A = LayerBuffers.FIRST_FREE + 4; // (N, 1)
    private static final int ROW_SUM_B = LayerBuffers.FIRST_FREE + 5; // (N, 1)

    private final int features;
    private final double eps;
    private Parameter gamma;
    private Parameter beta;

    /** Layer norm over {@code features} columns with eps 1e-5. */
    public LayerNorm(int features) {
        this(features, DEFAULT_EPS);
    }

    /** Layer norm with the given eps {@code > 0}. */
    public LayerNorm(int features, double eps) {
        if (features <= 0) {
            throw new IllegalArgumentException("LayerNorm needs a positive number of features, got " + features);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("LayerNorm eps must be a finite value > 0, got " + eps);
        }
        this.features = features;
        this.eps = eps;
    }

    /** {@code features} and {@code eps}. */
    @Override
    public Map<String, Object> config() {
        return ordered("features", (long) features(), "eps", eps());
    }

    @Override
    public String typeName() {
        return "LayerNorm";
    }

    @Override
    public String describe() {
        return "LayerNorm(" + features + ")";
    }

    /** Number of features (columns). */
    public int features() {
        return features;
    }

    /** Variance floor. */
    public double eps() {
        return eps;
    }

    @Override
    public int outputFeatures(int inputFeatures) {
        if (inputFeatures != features) {
            throw new IllegalArgumentException(name() + " (" + describe() + ") expects " + features
                    + " input features but receives " + inputFeatures);
        }
        return features;
    }

    @Override
    protected long buildElements(int inputFeatures) {
        return 4L * features; // gamma and beta, value and gradient
    }

    @Override
    protected void build(int inputFeatures, DType dtype, Random random) {
        gamma = new Parameter(name() + ".gamma", dtype, 1, features);
        gamma.value().fill(1);
        beta = new Parameter(name() + ".beta", dtype, 1, features);
    }

    /** The scale {@code gamma}, {@code (1, d)}. */
    public Parameter gamma() {
        return gamma;
    }

    /** The shift {@code beta}, {@code (1, d)}. */
    public Parameter beta() {
        return beta;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public Tensor forward(Tensor x, LayerBuffers buffers) {
        Ops ops = Ops.get();
        int n = x.rows();
        Tensor xhat = buffers.get(XHAT, n, features);
        Tensor invStd = buffers.get(INV_STD, n, 1);
        Tensor mean = buffers.get(ROW_SUM_A, n, 1);
        ops.rowSums(mean, x);
        ops.scale(mean, 1.0 / features, mean);
        ops.columnBroadcast(BinaryOp.SUB, xhat, x, mean); // centred input
        Tensor squares = buffers.get(SCRATCH, n, features);
        ops.mul(squares, xhat, xhat);
        ops.rowSums(invStd, squares);
        // one value per row, 1 / sqrt(var + eps), with whole-vector ops so that it runs on any device
        Tensor scratch = buffers.get(ROW_SUM_B, n, 1);
        ops.scale(invStd, 1.0 / features, invStd);
        scratch.fill(eps);
        ops.add(invStd, invStd, scratch);
        ops.sqrt(invStd, invStd);
        scratch.fill(1);
        ops.div(invStd, scratch, invStd);
        ops.columnBroadcast(BinaryOp.MUL, xhat, xhat, invStd);
        Tensor y = buffers.output(n, features);
        ops.rowBroadcast(BinaryOp.MUL, y, xhat, gamma.value());
        ops.addRowVector(y, y, beta.value());
        return y;
    }

    @Override
    public Tensor backward(Tensor dY, LayerBuffers buffers) {
        Ops ops = Ops.get();
        int n = dY.rows();
        Tensor xhat = buffers.get(XHAT, n, features);
        Tensor invStd = buffers.get(INV_STD, n, 1);
        Tensor scratch = buffers.get(SCRATCH, n, features);
        Tensor paramGrad = buffers.get(PARAM_GRAD, 1, features);
        ops.mul(scratch, dY, xhat);
        ops.columnSums(paramGrad, scratch);
        ops.add(gamma.grad(), gamma.grad(), paramGrad);
        ops.columnSums(paramGrad, dY);
        ops.add(beta.grad(), beta.grad(), paramGrad);

        // dX = invStd * (g - mean_j(g) - xhat * mean_j(g * xhat)), g = dY * gamma
        Tensor dX = buffers.dInput(n, features);
        ops.rowBroadcast(BinaryOp.MUL, dX, dY, gamma.value());
        ops.mul(scratch, dX, xhat);
        Tensor negMeanG = buffers.get(ROW_SUM_A, n, 1);
        Tensor negMeanGx = buffers.get(ROW_SUM_B, n, 1);
        ops.rowSums(negMeanG, dX);
        ops.rowSums(negMeanGx, scratch);
        ops.scale(negMeanG, -1.0 / features, negMeanG);
        ops.scale(negMeanGx, -1.0 / features, negMeanGx);
        ops.columnBroadcast(BinaryOp.MUL, scratch, xhat, negMeanGx);
        ops.add(dX, dX, scratch);
        ops.columnBroadcast(BinaryOp.ADD, dX, dX, negMeanG);
        ops.columnBroadcast(BinaryOp.MUL, dX, dX, invStd);
        return dX;
    }
}
