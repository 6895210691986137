package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The training fast paths of {@link Sequential}: a dense layer computing the following
 * activation in its bias pass, and a backward that skips the input gradient. Both must give what
 * the plain layer-by-layer path gives.
 */
class FusedTrainingPathTest {

    private static final int IN = 13;
    private static final int ROWS = 9;

    private static Sequential model(DType dtype) {
        return new Sequential(IN, dtype, 5L, new ReLU(), new Dense(IN, 11), new Tanh(), new Dense(11, 7),
                new LeakyReLU(0.1), new Dense(7, 4));
    }

    private static Tensor input(DType dtype) {
        Random random = new Random(3);
        Tensor x = Tensor.zeros(dtype, ROWS, IN);
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < IN; j++) {
                x.set(i, j, random.nextGaussian());
            }
        }
        return x;
    }

    private static Tensor labels(DType dtype) {
        Tensor t = Tensor.zeros(dtype, ROWS, 1);
        for (int i = 0; i < ROWS; i++) {
            t.set(i, 0, i % 4);
        }
        return t;
    }

    /** Runs the layers one by one on fresh buffers, without the model's fusion. */
    private static Tensor layerByLayer(Sequential model, Tensor x) {
        Workspace ws = new Workspace(model.dtype(), model.layers().size(), 1L, false);
        Tensor h = x;
        for (int i = 0; i < model.layers().size(); i++) {
            h = model.layers().get(i).forward(h, ws.layer(i));
        }
        Tensor out = h.copy();
        ws.close();
        return out;
    }

    @Test
    void fusedForwardEqualsLayerByLayer() {
        for (DType dtype : DType.values()) {
            try (Sequential model = model(dtype); Tensor x = input(dtype)) {
                double[] want = layerByLayer(model, x).toDoubleArray();
                assertArrayEquals(want, model.forward(x).toDoubleArray(), 0, dtype + " forward");
                assertArrayEquals(want, model.predict(x).toDoubleArray(), 0, dtype + " predict");
            }
        }
    }

    @Test
    void skippingTheInputGradientKeepsParameterGradients() {
        for (DType dtype : DType.values()) {
            try (Sequential model = model(dtype); Tensor x = input(dtype); Tensor y = labels(dtype);
                 SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss()) {
                loss.forward(model.forward(x), y);
                model.zeroGrad();
                Tensor dX = model.backward(loss.backward(), true);
                assertNotNull(dX);
                assertEquals(IN, dX.cols());
                double[][] full = gradients(model);
                model.zeroGrad();
                assertNull(model.backward(loss.backward(), false));
                double[][] skipped = gradients(model);
                assertEquals(full.length, skipped.length);
                for (int p = 0; p < full.length; p++) {
                    assertArrayEquals(full[p], skipped[p], 0, dtype + " " + model.parameters().get(p).name());
                    assertEquals(true, Math.abs(full[p][0]) + Math.abs(full[p][full[p].length - 1]) >= 0);
                }
                // the gradients are real ones: not all zero
                double norm = 0;
                for (double[] g : skipped) {
                    for (double v : g) {
                        norm += v * v;
                    }
                }
                assertEquals(true, norm > 0, dtype + " gradient norm " + norm);
            }
        }
    }

    private static double[][] gradients(Sequential model) {
        double[][] out = new double[model.parameters().size()][];
        for (int p = 0; p < out.length; p++) {
            out[p] = model.parameters().get(p).grad().toDoubleArray();
        }
        return out;
    }
}
