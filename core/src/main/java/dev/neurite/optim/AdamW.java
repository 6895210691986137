package dev.neurite.optim;

import dev.neurite.nn.Config;
import dev.neurite.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay, exactly as {@code torch.optim.AdamW}: each step first shrinks
 * the weights, {@code w -= lr * weightDecay * w}, then applies the {@link Adam} update with the
 * plain gradient (plus the L1 term, if any). Unlike Adam's L2 term, the decay is not scaled by
 * the adaptive denominator. Defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. State
 * slots: {@code exp_avg}, {@code exp_avg_sq}.
 */
public final class AdamW extends Optimizer {

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay = 0.01;

    /** AdamW over {@code parameters} with learning rate {@code lr} and the default settings. */
    public AdamW(List<Parameter> parameters, double lr) {
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
    public AdamW betas(double beta1, double beta2) {
        Hyper.unitInterval("beta1", beta1);
        Hyper.unitInterval("beta2", beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Sets the term added to the denominator; finite and {@code >= 0}. */
    public AdamW eps(double eps) {
        this.eps = Hyper.nonNegative("eps", eps);
        return this;
    }

    /** Sets the decoupled weight decay; finite and {@code >= 0}. */
    public AdamW weightDecay(double weightDecay) {
        this.weightDecay = Hyper.nonNegative("weight decay", weightDecay);
        return this;
    }

    @Override
    public AdamW l1(double l1) {
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
        return List.of(Adam.EXP_AVG, Adam.EXP_AVG_SQ);
    }

    @Override
    protected void update(long t) {
        Adam.adamSteps(this, t, beta1, beta2, eps, 0, decayFactor());
    }

    /**
     * The decoupled weight decay of a step at the current learning rate: the weights are first
     * multiplied by {@code 1 - lr * weight_decay}.
     */
    public double decayFactor() {
        return 1 - learningRate() * weightDecay;
    }
}
