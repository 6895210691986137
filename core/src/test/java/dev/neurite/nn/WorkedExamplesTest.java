package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.nn.loss.BCELoss;
import dev.neurite.nn.loss.BCEWithLogitsLoss;
import dev.neurite.nn.loss.Loss;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The course's hand-worked examples, against closed forms in float64. */
class WorkedExamplesTest {

    /** Every value here is a few float64 roundings away from its closed form. */
    private static final double EXACT = 1e-12;
    /** The course quotes four decimals. */
    private static final double COURSE_DECIMALS = 5e-5;

    /**
     * One sigmoid neuron, x = 2, w = 3, b = 1: z = 7 and y_hat = sigmoid(7) = 0.99909. For BCE,
     * dL/dz = y_hat - y, so dL/dw = (y_hat - y) x and dL/db = y_hat - y.
     *
     * <p>For y = 0 (the target the example states): L = -log(1 - sigmoid(7)) = 7 + log(1 + e^-7)
     * = 7.00091, dL/dw = 1.99818, dL/db = 0.99909. For y = 1: L = log(1 + e^-7) = 0.000911,
     * dL/dz = -(1 - sigmoid(7)) = -1 / (1 + e^7), dL/dw = -0.001823, dL/db = -0.000911.
     *
     * <p>The example's loss, 7.0009, is the y = 0 value, but its gradients, dL/dw ~ 0.0018 and
     * dL/db ~ 0.0009, are the y = 1 magnitudes (signs dropped). To four decimals they also equal
     * the gradient of the output instead of the loss, dy_hat/dw = sigmoid'(7) x = 0.001820 and
     * dy_hat/db = 0.000910, a common slip; either way they are not the y = 0 gradients. All three
     * sets are asserted against their closed forms below.
     */
    @Test
    void sigmoidNeuronWithBinaryCrossEntropy() {
        double sigmoid7 = 1 / (1 + Math.exp(-7));
        double sigmoidMinus7 = 1 / (1 + Math.exp(7)); // 1 - sigmoid(7), without cancellation
        double x = 2;

        Result y0 = neuron(0, new BCELoss(), true);
        assertEquals(sigmoid7, y0.output, EXACT);
        assertEquals(7 + Math.log1p(Math.exp(-7)), y0.loss, EXACT);
        assertEquals(sigmoid7 * x, y0.dW, EXACT);
        assertEquals(sigmoid7, y0.dB, EXACT);
        assertEquals(7.0009, y0.loss, COURSE_DECIMALS);
        assertEquals(1.9982, y0.dW, COURSE_DECIMALS);
        assertEquals(0.9991, y0.dB, COURSE_DECIMALS);

        Result y1 = neuron(1, new BCELoss(), true);
        assertEquals(Math.log1p(Math.exp(-7)), y1.loss, EXACT);
        assertEquals(-sigmoidMinus7 * x, y1.dW, EXACT);
        assertEquals(-sigmoidMinus7, y1.dB, EXACT);
        assertEquals(-0.0018, y1.dW, COURSE_DECIMALS);
        assertEquals(-0.0009, y1.dB, COURSE_DECIMALS);

        // gradient of the output itself (no loss): dy_hat/dz = sigmoid(7) (1 - sigmoid(7))
        try (Sequential m = neuronModel(true)) {
            m.forward(Tensor.of(new double[] {x}, 1, 1));
            m.backward(Tensor.of(new double[] {1}, 1, 1));
            Dense dense = (Dense) m.layers().get(0);
            double slope = sigmoid7 * sigmoidMinus7;
            assertEquals(slope * x, dense.weight().grad().get(0, 0), EXACT);
            assertEquals(slope, dense.bias().grad().get(0, 0), EXACT);
            assertEquals(0.0018, dense.weight().grad().get(0, 0), COURSE_DECIMALS);
            assertEquals(0.0009, dense.bias().grad().get(0, 0), COURSE_DECIMALS);
        }

        // the fused loss on the logit z = 7 gives the same numbers
        for (int y = 0; y <= 1; y++) {
            Result bce = y == 0 ? y0 : y1;
            Result fused = neuron(y, new BCEWithLogitsLoss(), false);
            assertEquals(7, fused.output, EXACT);
            assertEquals(bce.loss, fused.loss, EXACT);
            assertEquals(bce.dW, fused.dW, EXACT);
            assertEquals(bce.dB, fused.dB, EXACT);
        }
    }

    private record Result(double output, double loss, double dW, double dB) {
    }

    /** The neuron with w = 3, b = 1, zero gradients, optionally without its sigmoid. */
    private static Sequential neuronModel(boolean withSigmoid) {
        Layer[] layers = withSigmoid ? new Layer[] {new Dense(1, 1), new Sigmoid()} : new Layer[] {new Dense(1, 1)};
        Sequential m = new Sequential(1, DType.F64, 0, layers);
        Dense dense = (Dense) m.layers().get(0);
        dense.weight().value().set(0, 0, 3);
        dense.bias().value().set(0, 0, 1);
        m.zeroGrad();
        return m;
    }

    private static Result neuron(double target, Loss loss, boolean withSigmoid) {
        try (Sequential m = neuronModel(withSigmoid); loss) {
            Dense dense = (Dense) m.layers().get(0);
            Tensor out = m.forward(Tensor.of(new double[] {2}, 1, 1));
            double output = out.get(0, 0);
            double l = loss.forward(out, Tensor.of(new double[] {target}, 1, 1));
            m.backward(loss.backward());
            return new Result(output, l, dense.weight().grad().get(0, 0), dense.bias().grad().get(0, 0));
        }
    }

    /**
     * ReLU(0.3 * 0.5 + 0.7 * (-0.8) - 0.2) = ReLU(-0.61) = 0: the neuron is inactive, so no
     * gradient flows back to its weights, bias or input.
     */
    @Test
    void inactiveReluNeuron() {
        try (Sequential m = new Sequential(2, DType.F64, 0, new Dense(2, 1), new ReLU())) {
            Dense dense = (Dense) m.layers().get(0);
            dense.weight().value().copyFrom(new double[] {0.3, 0.7});
            dense.bias().value().set(0, 0, -0.2);
            Tensor x = Tensor.of(new double[] {0.5, -0.8}, 1, 2);
            try (LayerBuffers buffers = new LayerBuffers(DType.F64)) {
                assertEquals(0.3 * 0.5 + 0.7 * -0.8 - 0.2, dense.forward(x, buffers).get(0, 0), EXACT);
                assertEquals(-0.61, dense.forward(x, buffers).get(0, 0), EXACT);
            }
            assertEquals(0, m.forward(x).get(0, 0), 0);
            m.zeroGrad();
            Tensor dX = m.backward(Tensor.of(new double[] {1}, 1, 1));
            assertEquals(0, dense.weight().grad().get(0, 0), 0);
            assertEquals(0, dense.weight().grad().get(1, 0), 0);
            assertEquals(0, dense.bias().grad().get(0, 0), 0);
            assertEquals(0, dX.get(0, 0), 0);
            assertEquals(0, dX.get(0, 1), 0);
        }
    }
}
