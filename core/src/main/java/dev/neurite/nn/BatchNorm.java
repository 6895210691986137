package dev.neurite.nn;

import dev.neurite.kernel.BinaryOp;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Batch normalisation over the rows of a batch, like PyTorch's {@code BatchNorm1d}: shapes
 * {@code (N, d) -> (N, d)}, {@code y = gamma * xhat + beta} with
 * {@code xhat = (x - mean) / sqrt(var + eps)} per feature (column).
 *
 * <p>Training mode uses the batch mean and the biased batch variance, and updates the running
 * estimates {@code running = (1 - momentum) * running + momentum * batch} with the
 * <em>unbiased</em> batch variance ({@code N / (N - 1)} times the biased one), as PyTorch does;
 * it needs at least two rows. Evaluation mode normalises with the running estimates and leaves
 * them alone. The running estimates start at mean 0 and variance 1; they are layer state, not
 * parameters ({@link #stateTensors()}: saved with the model and covered by weight snapshots).
 * {@code gamma} starts at 1 and {@code beta} at 0, both {@code (1, d)}.
 *
 * <p>Backward in training mode goes through the batch statistics:
 * {@code dX = gamma / (N sqrt(var + eps)) * (N dY - sum_rows(dY) - xhat * sum_rows(dY * xhat))};
 * in evaluation mode the statistics are constants and {@code dX = dY * gamma / sqrt(var + eps)}.
 * Backward uses the mode the context is in, which must be the mode of the forward.
 *
 * <p>The running estimates are shared by all contexts: a {@code predict} running while a
 * training-mode forward updates them may read a mix of old and new values.
 */
public final class BatchNorm extends Layer {

    /** PyTorch's default momentum of the running estimates. */
    public static final double DEFAULT_MOMENTUM = 0.1;
    /** PyTorch's default variance floor. */
    public static final double DEFAULT_EPS = 1e-5;

    private static final int XHAT = LayerBuffers.FIRST_FREE;      // (N, d) normalised input
    private static final int INV_STD = LayerBuffers.FIRST_FREE + 1; // (1, d) 1 / sqrt(var + eps)
    private static final int MEAN = LayerBuffers.FIRST_FREE + 2;    // (1, d) mean used
    private static final int SCRATCH = LayerBuffers.FIRST_FREE + 3; // (N, d)
    private static final int VEC_A = LayerBuffers.FIRST_FREE + 4;   // (1, d)
    private static final int VEC_B = LayerBuffers.FIRST_FREE + 5;   // (1, d)

    private final int features;
    private final double momentum;
    private final double eps;
    private Parameter gamma;
    private Parameter beta;
    private Tensor runningMean;
    private Tensor runningVar;

    /** Batch norm over {@code features} columns with momentum 0.1 and eps 1e-5. */
    public BatchNorm(int features) {
        this(features, DEFAULT_MOMENTUM, DEFAULT_EPS);
    }

    /** Batch norm with the given momentum in {@code [0, 1]} and eps {@code > 0}. */
    public BatchNorm(int features, double momentum, double eps) {
        if (features <= 0) {
            throw new IllegalArgumentException("BatchNorm needs a positive number of features, got " + features);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm momentum must be in [0, 1], got " + momentum);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("BatchNorm eps must be a finite value > 0, got " + eps);
        }
        this.features = features;
        this.momentum = momentum;
        this.eps = eps;
    }

    /** {@code features}, {@code momentum} and {@code eps}. */
    @Override
    public Map<String, Object> config() {
        return ordered("features", (long) features(), "momentum", momentum(), "eps", eps());
    }

    @Override
    public String typeName() {
        return "BatchNorm";
    }

    @Override
    public String describe() {
        return "BatchNorm(" + features + ")";
    }

    /** Number of features (columns). */
    public int features() {
        return features;
    }

    /** Momentum of the running estimates. */
    public double momentum() {
        return momentum;
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
        return 6L * features; // gamma, beta (value and gradient), running mean and variance
    }

    @Override
    protected void build(int inputFeatures, DType dtype, Random random) {
        gamma = new Parameter(name() + ".gamma", dtype, 1, features);
        gamma.value().fill(1);
        beta = new Parameter(name() + ".beta", dtype, 1, features);
        runningMean = Tensor.zeros(dtype, 1, features);
        runningVar = Tensor.zeros(dtype, 1, features);
        runningVar.fill(1);
    }

    /** The scale {@code gamma}, {@code (1, d)}. */
    public Parameter gamma() {
        return gamma;
    }

    /** The shift {@code beta}, {@code (1, d)}. */
    public Parameter beta() {
        return beta;
    }

    /** The running mean, {@code (1, d)}: layer state, updated by training-mode forwards. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance, {@code (1, d)}: layer state, updated by training-mode forwards. */
    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    /** {@code running_mean} and {@code running_var}. */
    @Override
    public Map<String, Tensor> stateTensors() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("running_mean", runningMean);
        state.put("running_var", runningVar);
        return Collections.unmodifiableMap(state);
    }

    @Override
    public Tensor forward(Tensor x, LayerBuffers buffers) {
        Ops ops = Ops.get();
        int n = x.rows();
        Tensor mean = buffers.get(MEAN, 1, features);
        Tensor invStd = buffers.get(INV_STD, 1, features);
        Tensor negMean = buffers.get(VEC_A, 1, features);
        Tensor xhat = buffers.get(XHAT, n, features);
        if (buffers.training()) {
            if (n < 2) {
                throw new IllegalArgumentException(name() + ": training mode needs more than one row per batch"
                        + " to estimate the variance, got " + x.shape());
            }
            ops.columnSums(mean, x);
            ops.scale(mean, 1.0 / n, mean);
            ops.scale(negMean, -1, mean);
            ops.addRowVector(xhat, x, negMean); // centred input
            Tensor squares = buffers.get(SCRATCH, n, features);
            Tensor var = buffers.get(VEC_B, 1, features);
            ops.mul(squares, xhat, xhat);
            ops.columnSums(var, squares);
            ops.scale(var, 1.0 / n, var); // biased, for normalising
            // running statistics; the variance unbiased, as PyTorch keeps it
            ops.scale(runningMean, 1 - momentum, runningMean);
            ops.axpy(runningMean, momentum, mean);
            ops.scale(runningVar, 1 - momentum, runningVar);
            ops.axpy(runningVar, momentum * n / (n - 1), var);
            inverseStd(ops, invStd, var, negMean);
        } else {
            mean.copyFrom(runningMean);
            ops.scale(negMean, -1, mean);
            ops.addRowVector(xhat, x, negMean);
            inverseStd(ops, invStd, runningVar, negMean);
        }
        ops.rowBroadcast(BinaryOp.MUL, xhat, xhat, invStd);
        Tensor y = buffers.output(n, features);
        ops.rowBroadcast(BinaryOp.MUL, y, xhat, gamma.value());
        ops.addRowVector(y, y, beta.value());
        return y;
    }

    /** {@code invStd = 1 / sqrt(var + eps)} with whole-vector ops, so on any device; {@code scratch} is overwritten. */
    private void inverseStd(Ops ops, Tensor invStd, Tensor var, Tensor scratch) {
        scratch.fill(eps);
        ops.add(invStd, var, scratch);
        ops.sqrt(invStd, invStd);
        scratch.fill(1);
        ops.div(invStd, scratch, invStd);
    }

    /** The running statistics go where the parameters go. */
    @Override
    protected void moveState(Device device) {
        Tensor mean = runningMean.to(device);
        Tensor var;
        try {
            var = runningVar.to(device);
        } catch (RuntimeException | Error e) {
            mean.close();
            throw e;
        }
        runningMean.close();
        runningVar.close();
        runningMean = mean;
        runningVar = var;
    }

    @Override
    public Tensor backward(Tensor dY, LayerBuffers buffers) {
        Ops ops = Ops.get();
        int n = dY.rows();
        Tensor xhat = buffers.get(XHAT, n, features);
        Tensor invStd = buffers.get(INV_STD, 1, features);
        Tensor scratch = buffers.get(SCRATCH, n, features);
        Tensor dGamma = buffers.get(VEC_A, 1, features); // sum_rows(dY * xhat)
        Tensor dBeta = buffers.get(VEC_B, 1, features);  // sum_rows(dY)
        ops.mul(scratch, dY, xhat);
        ops.columnSums(dGamma, scratch);
        ops.columnSums(dBeta, dY);
        ops.add(gamma.grad(), gamma.grad(), dGamma);
        ops.add(beta.grad(), beta.grad(), dBeta);
        Tensor dX = buffers.dInput(n, features);
        if (buffers.training()) {
            // dX = (gamma * invStd) * (dY - dBeta / N - xhat * dGamma / N)
            ops.scale(dGamma, -1.0 / n, dGamma);
            ops.scale(dBeta, -1.0 / n, dBeta);
            ops.rowBroadcast(BinaryOp.MUL, scratch, xhat, dGamma);
            ops.add(dX, dY, scratch);
            ops.addRowVector(dX, dX, dBeta);
            Tensor coef = dGamma; // reused: gamma * invStd
            ops.mul(coef, gamma.value(), invStd);
            ops.rowBroadcast(BinaryOp.MUL, dX, dX, coef);
        } else {
            Tensor coef = dGamma;
            ops.mul(coef, gamma.value(), invStd);
            ops.rowBroadcast(BinaryOp.MUL, dX, dY, coef);
        }
        return dX;
    }

    @Override
    void release() {
        super.release();
        if (runningMean != null) {
            runningMean.close();
            runningVar.close();
        }
    }
}
