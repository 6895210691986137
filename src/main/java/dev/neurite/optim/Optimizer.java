package dev.neurite.optim;

import dev.neurite.nn.Parameter;
import java.util.List;

/**
 * Updates parameters from their accumulated gradients. Order of calls in a training step:
 * {@code zeroGrad()}, forward, loss, backward, {@code step()}.
 *
 * <p>Subclasses validate their hyper-parameters in the constructor, with the value in the
 * message ("invalid learning rate: -0.1"), and keep their per-parameter state (momentum,
 * moments) aligned with {@link #parameters()}.
 */
public abstract class Optimizer {

    private final List<Parameter> parameters;
    private double learningRate;

    protected Optimizer(List<Parameter> parameters, double learningRate) {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("an optimizer needs at least one parameter");
        }
        this.parameters = List.copyOf(parameters);
        setLearningRate(learningRate);
    }

    /** The parameters this optimizer updates. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The current learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate (schedules call this between epochs). */
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("invalid learning rate: " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Clears the gradients of all parameters. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    /** Applies one update from the current gradients. */
    public abstract void step();
}
