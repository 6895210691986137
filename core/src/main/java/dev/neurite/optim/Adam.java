package dev.neurite.optim;

import dev.neurite.nn.Config;
import dev.neurite.nn.Parameter;
import dev.neurite.tensor.Ops;
import java.util.List;
import java.util.Map;

/**
 * Adam with bias correction and L2 weight decay added to the gradient, exactly as
 * {@code torch.optim.Adam} (without amsgrad). Per parameter {@code w} with gradient {@code g},
 * at step {@code t = 1, 2, ...}:
 * <pre>
 *   d = g + weightDecay * w + l1 * sign(w)
 *   m = beta1 * m + (1 - beta1) * d
 *   v = beta2 * v + (1 - beta2) * d^2
 *   w -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. For decoupled weight decay use
 * {@link AdamW}. State slots: {@code exp_avg}, {@code exp_avg_sq}; {@code t} is
 * {@link #stepCount()}.
 */
public final class Adam extends Optimizer {

    /** Name of a state slot, as in PyTorch. */
    public static final String EXP_AVG = "exp_avg";
    /** Name of a state slot, as in PyTorch. */
    public static final String EXP_AVG_SQ = "exp_avg_sq";

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;

    /** Adam over {@code parameters} with learning rate {@code lr} and the default settings. */
    public Adam(List<Parameter> parameters, double lr) {
        super(parameters, lr);
    }

    /** {@code beta1}, {@code beta2}, {@code eps} and {@code weight_decay}. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("beta1", beta1());
        m.put("beta2", beta2());
        m.put("eps", eps());
        m.put("weight_decay", weightDecay());
        return m;
    }

    @Override
    public void loadConfig(Config config) {
        betas(config.number("beta1"), config.number("beta2")).eps(config.number("eps"))
                .weightDecay(config.number("weight_decay"));
    }

    /** Sets the decay rates of the moment estimates; each in {@code [0, 1)}. */
    public Adam betas(double beta1, double beta2) {
        Hyper.unitInterval("beta1", beta1);
        Hyper.unitInterval("beta2", beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Sets the term added to the denominator; finite and {@code >= 0}. */
    public Adam eps(double eps) {
        this.eps = Hyper.nonNegative("eps", eps);
        return this;
    }

    /** Sets the L2 weight decay, added to the gradient as {@code weightDecay * w}; finite and {@code >= 0}. */
    public Adam weightDecay(double weightDecay) {
        this.weightDecay = Hyper.nonNegative("weight decay", weightDecay);
        return this;
    }

    @Override
    public Adam l1(double l1) {
        super.l1(l1);
        return this;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected List<String> stateSlots() {
        return List.of(EXP_AVG, EXP_AVG_SQ);
    }

    @Override
    protected void update(long t) {
        adamSteps(this, t, beta1, beta2, eps, weightDecay, 1);
    }

    /** The step size of update {@code t}: {@code lr / (1 - beta1^t)}, the first moment's bias correction folded in. */
    public static double stepSize(double lr, double beta1, long t) {
        return lr / (1 - Math.pow(beta1, t));
    }

    /** {@code sqrt(1 - beta2^t)}: the second moment's bias correction of update {@code t}. */
    public static double biasCorrection2Sqrt(double beta2, long t) {
        return Math.sqrt(1 - Math.pow(beta2, t));
    }

    /**
     * Step {@code t} of Adam over the parameters of {@code opt} (Adam or AdamW), with L2
     * coefficient {@code l2} and decoupled decay factor {@code decay} applied to {@code w} first.
     */
    static void adamSteps(Optimizer opt, long t, double beta1, double beta2, double eps, double l2, double decay) {
        double stepSize = stepSize(opt.learningRate(), beta1, t);
        double biasCorrection2Sqrt = biasCorrection2Sqrt(beta2, t);
        Ops ops = Ops.get();
        List<Parameter> params = opt.parameters();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            ops.adamUpdate(p.value(), p.grad(), opt.slot(EXP_AVG, i), opt.slot(EXP_AVG_SQ, i), stepSize, beta1, beta2,
                    eps, biasCorrection2Sqrt, l2, opt.l1(), decay);
        }
    }
}
