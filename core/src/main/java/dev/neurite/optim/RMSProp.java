package dev.neurite.optim;

import dev.neurite.nn.Config;
import dev.neurite.nn.Parameter;
import dev.neurite.tensor.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RMSProp, exactly as {@code torch.optim.RMSprop}. Per parameter {@code w} with gradient
 * {@code g}:
 * <pre>
 *   d  = g + weightDecay * w + l1 * sign(w)
 *   sq = alpha * sq + (1 - alpha) * d^2
 *   if centered: gAvg = alpha * gAvg + (1 - alpha) * d;  avg = sqrt(sq - gAvg^2) + eps
 *   else:        avg = sqrt(sq) + eps
 *   if momentum > 0: buf = momentum * buf + d / avg;  w -= lr * buf
 *   else:            w -= lr * d / avg
 * </pre>
 * Defaults: alpha 0.99, eps 1e-8, no momentum, not centered, no weight decay. State slots:
 * {@code square_avg}, {@code grad_avg} (centered), {@code momentum_buffer} (with momentum).
 */
public final class RMSProp extends Optimizer {

    /** Name of a state slot, as in PyTorch. */
    public static final String SQUARE_AVG = "square_avg";
    /** Name of a state slot, as in PyTorch. */
    public static final String GRAD_AVG = "grad_avg";
    /** Name of a state slot, as in PyTorch. */
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    private double alpha = 0.99;
    private double eps = 1e-8;
    private double momentum;
    private boolean centered;
    private double weightDecay;

    /** RMSProp over {@code parameters} with learning rate {@code lr} and the default settings. */
    public RMSProp(List<Parameter> parameters, double lr) {
        super(parameters, lr);
    }

    /** {@code alpha}, {@code eps}, {@code momentum}, {@code centered} and {@code weight_decay}. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("alpha", alpha());
        m.put("eps", eps());
        m.put("momentum", momentum());
        m.put("centered", centered());
        m.put("weight_decay", weightDecay());
        return m;
    }

    @Override
    public void loadConfig(Config config) {
        alpha(config.number("alpha")).eps(config.number("eps")).momentum(config.number("momentum"))
                .centered(config.bool("centered")).weightDecay(config.number("weight_decay"));
    }

    /** Sets the smoothing constant; {@code 0 <= alpha < 1}. */
    public RMSProp alpha(double alpha) {
        this.alpha = Hyper.unitInterval("alpha", alpha);
        return this;
    }

    /** Sets the term added to the denominator; finite and {@code >= 0}. */
    public RMSProp eps(double eps) {
        this.eps = Hyper.nonNegative("eps", eps);
        return this;
    }

    /** Sets the momentum factor; {@code 0 <= momentum < 1}. */
    public RMSProp momentum(double momentum) {
        this.momentum = Hyper.unitInterval("momentum", momentum);
        return this;
    }

    /** Centered RMSProp normalises by the estimated variance of the gradient instead of its mean square. */
    public RMSProp centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    /** Sets the L2 weight decay, added to the gradient as {@code weightDecay * w}; finite and {@code >= 0}. */
    public RMSProp weightDecay(double weightDecay) {
        this.weightDecay = Hyper.nonNegative("weight decay", weightDecay);
        return this;
    }

    @Override
    public RMSProp l1(double l1) {
        super.l1(l1);
        return this;
    }

    public double alpha() {
        return alpha;
    }

    public double eps() {
        return eps;
    }

    public double momentum() {
        return momentum;
    }

    public boolean centered() {
        return centered;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected List<String> stateSlots() {
        List<String> slots = new ArrayList<>(List.of(SQUARE_AVG));
        if (centered) {
            slots.add(GRAD_AVG);
        }
        if (momentum > 0) {
            slots.add(MOMENTUM_BUFFER);
        }
        return slots;
    }

    @Override
    protected void update(long t) {
        Ops ops = Ops.get();
        List<Parameter> params = parameters();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            ops.rmspropUpdate(p.value(), p.grad(), slot(SQUARE_AVG, i), centered ? slot(GRAD_AVG, i) : null,
                    momentum > 0 ? slot(MOMENTUM_BUFFER, i) : null, learningRate(), alpha, eps, momentum,
                    weightDecay, l1());
        }
    }
}
