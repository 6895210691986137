package dev.neurite.optim;

import dev.neurite.nn.Config;
import dev.neurite.nn.Parameter;
import dev.neurite.tensor.Ops;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum, L2 weight
 * decay and L1 penalty, exactly as {@code torch.optim.SGD}. Per parameter {@code w} with
 * gradient {@code g}:
 * <pre>
 *   d = g + weightDecay * w + l1 * sign(w)
 *   if momentum != 0:
 *       buf = (first step) ? d : momentum * buf + (1 - dampening) * d
 *       d   = nesterov ? d + momentum * buf : buf
 *   w -= lr * d
 * </pre>
 * Settings chain: {@code new SGD(params, 0.01).momentum(0.9).nesterov(true).weightDecay(1e-4)}
 * (set momentum before Nesterov). State slot: {@code momentum_buffer}, with momentum only.
 */
public final class SGD extends Optimizer {

    /** Name of a state slot, as in PyTorch. */
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;

    /** Plain SGD over {@code parameters} with learning rate {@code lr}: {@code w -= lr * dw}. */
    public SGD(List<Parameter> parameters, double lr) {
        super(parameters, lr);
    }

    /** {@code momentum}, {@code dampening}, {@code nesterov} and {@code weight_decay}. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("momentum", momentum());
        m.put("dampening", dampening());
        m.put("nesterov", nesterov());
        m.put("weight_decay", weightDecay());
        return m;
    }

    @Override
    public void loadConfig(Config config) {
        // Nesterov needs momentum and no dampening: clear it before those change
        nesterov(false).momentum(config.number("momentum")).dampening(config.number("dampening"))
                .nesterov(config.bool("nesterov")).weightDecay(config.number("weight_decay"));
    }

    /**
     * Sets the momentum factor.
     *
     * @throws IllegalArgumentException unless {@code 0 <= momentum < 1}, or when it is 0 with Nesterov on
     */
    public SGD momentum(double momentum) {
        Hyper.unitInterval("momentum", momentum);
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("invalid momentum: 0.0 (Nesterov momentum needs momentum > 0)");
        }
        this.momentum = momentum;
        return this;
    }

    /**
     * Sets the dampening of the momentum buffer's update.
     *
     * @throws IllegalArgumentException unless {@code 0 <= dampening <= 1}, or when nonzero with Nesterov on
     */
    public SGD dampening(double dampening) {
        Hyper.closedUnitInterval("dampening", dampening);
        if (nesterov && dampening != 0) {
            throw new IllegalArgumentException("invalid dampening: " + dampening + " (Nesterov momentum needs dampening 0)");
        }
        this.dampening = dampening;
        return this;
    }

    /**
     * Turns Nesterov momentum on or off.
     *
     * @throws IllegalArgumentException when turned on without momentum, or with nonzero dampening
     */
    public SGD nesterov(boolean nesterov) {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("invalid nesterov: Nesterov momentum needs momentum > 0 and dampening 0"
                    + " (momentum: " + momentum + ", dampening: " + dampening + ")");
        }
        this.nesterov = nesterov;
        return this;
    }

    /**
     * Sets the L2 weight decay, added to the gradient as {@code weightDecay * w}.
     *
     * @throws IllegalArgumentException when negative, infinite or NaN
     */
    public SGD weightDecay(double weightDecay) {
        this.weightDecay = Hyper.nonNegative("weight decay", weightDecay);
        return this;
    }

    @Override
    public SGD l1(double l1) {
        super.l1(l1);
        return this;
    }

    public double momentum() {
        return momentum;
    }

    public double dampening() {
        return dampening;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected List<String> stateSlots() {
        return momentum != 0 ? List.of(MOMENTUM_BUFFER) : List.of();
    }

    @Override
    protected void update(long t) {
        Ops ops = Ops.get();
        List<Parameter> params = parameters();
        // as in torch, a new buffer starts as the gradient rather than decaying from zero
        boolean firstStep = momentum != 0 && !hasSlot(MOMENTUM_BUFFER);
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            ops.sgdUpdate(p.value(), p.grad(), momentum != 0 ? slot(MOMENTUM_BUFFER, i) : null, learningRate(),
                    momentum, dampening, nesterov, weightDecay, l1(), firstStep);
        }
    }
}
