package dev.neurite.nn;

import static dev.neurite.nn.GradientChecks.assertGradientsMatch;
import static dev.neurite.nn.GradientChecks.gaussian;
import static dev.neurite.nn.GradientChecks.labels;
import static dev.neurite.nn.GradientChecks.model;
import static dev.neurite.nn.GradientChecks.randomize;
import static dev.neurite.nn.GradientChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.loss.MSELoss;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Float64 gradient checks of the normalisation, dropout and softmax layers inside 3+ layer networks. */
class LayerGradientCheckTest {

    /** Dropout's mask entries are 0 or exactly 1 / (1 - p); products with them are exact up to one rounding. */
    private static final double MASK_TOLERANCE = 1e-15;

    /**
     * A bias-free Dense feeds the batch norm: a bias there has an exactly zero true gradient (the
     * batch mean cancels it), where any relative error is meaningless.
     */
    @Test
    void batchNormInTrainingMode() {
        try (Sequential m = model(5, new Dense(5, 6, false), new BatchNorm(6), new Tanh(), new Dense(6, 3))) {
            BatchNorm bn = (BatchNorm) m.layers().get(1);
            randomize(bn.gamma(), 21, 0.5, 1.5);
            randomize(bn.beta(), 22, -0.5, 0.5);
            assertTrue(m.isTraining());
            assertGradientsMatch("Dense-BatchNorm(train)-Tanh-Dense + softmax-ce", m,
                    new SoftmaxCrossEntropyLoss(), gaussian(5, 8, 5), labels(1, 8, 3));
        }
    }

    @Test
    void batchNormOnTheInputInTrainingMode() {
        try (Sequential m = model(4, new BatchNorm(4), new Dense(4, 5), new Tanh(), new Dense(5, 2))) {
            assertGradientsMatch("BatchNorm(train)-Dense-Tanh-Dense + mse", m, new MSELoss(),
                    uniform(6, 7, 4, -2, 3), gaussian(7, 7, 2));
        }
    }

    /** After a few training batches, evaluation mode: statistics are constants, and the check leaves them alone. */
    @Test
    void batchNormInEvaluationMode() {
        try (Sequential m = model(5, new Dense(5, 6), new BatchNorm(6), new Tanh(), new Dense(6, 3))) {
            BatchNorm bn = (BatchNorm) m.layers().get(1);
            for (int step = 0; step < 3; step++) {
                m.forward(gaussian(30 + step, 10, 5));
            }
            randomize(bn.gamma(), 23, 0.5, 1.5);
            double[] mean = bn.runningMean().toDoubleArray();
            double[] var = bn.runningVar().toDoubleArray();
            m.eval();
            assertGradientsMatch("Dense-BatchNorm(eval)-Tanh-Dense + softmax-ce", m, new SoftmaxCrossEntropyLoss(),
                    gaussian(5, 6, 5), labels(2, 6, 3));
            assertArrayEquals(mean, bn.runningMean().toDoubleArray(), 0);
            assertArrayEquals(var, bn.runningVar().toDoubleArray(), 0);
        }
    }

    @Test
    void layerNorm() {
        try (Sequential m = model(5, new Dense(5, 6), new LayerNorm(6), new Tanh(), new Dense(6, 2))) {
            LayerNorm ln = (LayerNorm) m.layers().get(1);
            randomize(ln.gamma(), 24, 0.5, 1.5);
            randomize(ln.beta(), 25, -0.5, 0.5);
            assertGradientsMatch("Dense-LayerNorm-Tanh-Dense + mse", m, new MSELoss(), gaussian(5, 6, 5),
                    gaussian(8, 6, 2));
        }
    }

    @Test
    void softmaxLayerWithMse() {
        try (Sequential m = model(4, new Dense(4, 5), new Tanh(), new Dense(5, 3), new Softmax())) {
            Tensor target = uniform(9, 6, 3, 0, 1);
            assertGradientsMatch("Dense-Tanh-Dense-Softmax + mse", m, new MSELoss(), gaussian(5, 6, 4), target);
        }
    }

    /**
     * Dropout active during the check: the probes around it record every forward, which shows
     * that each forward of the check drew the same mask (GradientCheck reseeds the training
     * context), and that the mask really drops and scales elements.
     */
    @Test
    void dropoutWithTheSameMaskOnEveryForward() {
        Probe before = new Probe();
        Probe after = new Probe();
        double p = 0.5;
        try (Sequential m = model(4, new Dense(4, 8), new Tanh(), before, new Dropout(p), after, new Dense(8, 3))) {
            assertGradientsMatch("Dense-Tanh-Dropout(0.5, fixed mask)-Dense + softmax-ce", m,
                    new SoftmaxCrossEntropyLoss(), gaussian(5, 6, 4), labels(3, 6, 3));
        }
        assertTrue(after.seen.size() > 100, "the check ran many forwards");
        boolean[] mask = keptPattern(after.seen.get(0));
        for (Tensor out : after.seen) {
            assertArrayEquals(mask, keptPattern(out), "every forward of the check drew the same mask");
        }
        int kept = 0;
        for (boolean k : mask) {
            kept += k ? 1 : 0;
        }
        assertTrue(kept > 0 && kept < mask.length, "the mask keeps " + kept + " of " + mask.length);
        // kept elements are scaled by exactly 1 / (1 - p)
        Tensor in = before.seen.get(0);
        Tensor out = after.seen.get(0);
        for (int i = 0; i < in.rows(); i++) {
            for (int j = 0; j < in.cols(); j++) {
                double expected = mask[i * in.cols() + j] ? in.get(i, j) / (1 - p) : 0;
                assertEquals(expected, out.get(i, j), MASK_TOLERANCE * Math.abs(expected));
            }
        }
    }

    /** Control for the test above: without reseeding, consecutive forwards draw different masks. */
    @Test
    void dropoutDrawsANewMaskOnEveryForwardWithoutReseeding() {
        Probe after = new Probe();
        try (Sequential m = model(4, new Dense(4, 8), new Tanh(), new Dropout(0.5), after)) {
            Tensor x = gaussian(5, 6, 4);
            m.forward(x);
            m.forward(x);
            assertTrue(!Arrays.equals(keptPattern(after.seen.get(0)), keptPattern(after.seen.get(1))));
            m.reseedTraining();
            m.forward(x);
            m.reseedTraining();
            m.forward(x);
            assertArrayEquals(keptPattern(after.seen.get(2)), keptPattern(after.seen.get(3)));
        }
    }

    private static boolean[] keptPattern(Tensor t) {
        boolean[] kept = new boolean[(int) t.size()];
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                kept[i * t.cols() + j] = t.get(i, j) != 0;
            }
        }
        return kept;
    }

    /** An identity layer that records a copy of every input it sees. */
    static final class Probe extends Layer {

        final List<Tensor> seen = new ArrayList<>();

        @Override
        public String typeName() {
            return "Probe";
        }

        @Override
        public int outputFeatures(int inputFeatures) {
            return inputFeatures;
        }

        @Override
        public Tensor forward(Tensor x, LayerBuffers buffers) {
            seen.add(x.copy());
            Tensor y = buffers.output(x.rows(), x.cols());
            y.copyFrom(x);
            return y;
        }

        @Override
        public Tensor backward(Tensor dY, LayerBuffers buffers) {
            Tensor dX = buffers.dInput(dY.rows(), dY.cols());
            Ops.get().scale(dX, 1, dY);
            return dX;
        }
    }
}
