package dev.neurite.optim;

import dev.neurite.nn.Parameter;
import dev.neurite.tensor.Ops;
import java.util.List;

/** Plain stochastic gradient descent: {@code w -= lr * dw}. */
public final class SGD extends Optimizer {

    /** SGD over {@code parameters} with learning rate {@code lr}. */
    public SGD(List<Parameter> parameters, double lr) {
        super(parameters, lr);
    }

    @Override
    public void step() {
        Ops ops = Ops.get();
        for (Parameter p : parameters()) {
            ops.axpy(p.value(), -learningRate(), p.grad());
        }
    }
}
