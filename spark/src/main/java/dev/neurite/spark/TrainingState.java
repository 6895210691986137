package dev.neurite.spark;

import dev.neurite.nn.Dense;
import dev.neurite.nn.Layer;
import dev.neurite.nn.Parameter;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a round of data-parallel training sends to every partition: the architecture, the
 * parameters and Adam's state (moments and step count) as one flat array, in the order of
 * {@link #flatten}. The same seed builds the same layers, so the arrays line up on every executor.
 */
record TrainingState(int features, int[] hidden, int outputs, double learningRate, long seed, float[] values,
                     long step) implements Serializable {

    /** The network: Dense layers of the hidden widths with ReLU between, then the output layer. */
    static Sequential network(int features, int[] hidden, int outputs, long seed, boolean initialize) {
        List<Layer> layers = new ArrayList<>();
        int in = features;
        for (int h : hidden) {
            layers.add(new Dense(in, h));
            layers.add(new ReLU());
            in = h;
        }
        layers.add(new Dense(in, outputs));
        Layer[] array = layers.toArray(Layer[]::new);
        return initialize ? new Sequential(features, DType.F32, seed, array)
                : Sequential.withoutInit(features, DType.F32, seed, array);
    }

    /** The parameters, then the optimizer's state tensors, in one array. */
    static float[] flatten(Sequential model, Adam adam) {
        return concat(tensors(model, adam));
    }

    /** Writes {@code values} (as {@link #flatten} lays them out) into the model and the optimizer. */
    static void restore(Sequential model, Adam adam, float[] values) {
        List<Tensor> all = tensors(model, adam);
        int at = 0;
        for (Tensor t : all) {
            int n = Math.toIntExact(t.size());
            float[] v = new float[n];
            System.arraycopy(values, at, v, 0, n);
            t.copyFrom(v);
            at += n;
        }
        if (at != values.length) {
            throw new IllegalStateException("training state of " + values.length + " values for " + at + " slots");
        }
    }

    /** Writes the parameters at the start of {@code values} (the optimizer's state, if any, follows them). */
    static void restoreParameters(Sequential model, float[] values) {
        int at = 0;
        for (Parameter p : model.parameters()) {
            int n = Math.toIntExact(p.size());
            float[] v = new float[n];
            System.arraycopy(values, at, v, 0, n);
            p.value().copyFrom(v);
            at += n;
        }
    }

    /** The parameters alone, in order, in one array. */
    static float[] parameters(Sequential model) {
        return concat(model.parameters().stream().map(Parameter::value).toList());
    }

    /** The parameters' gradients, laid out as {@link #parameters}. */
    static float[] gradients(Sequential model) {
        return concat(model.parameters().stream().map(Parameter::grad).toList());
    }

    private static float[] concat(List<Tensor> tensors) {
        int n = tensors.stream().mapToInt(t -> Math.toIntExact(t.size())).sum();
        float[] out = new float[n];
        int at = 0;
        for (Tensor t : tensors) {
            float[] v = t.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Writes {@code gradients} (laid out as {@link #parameters}) into the parameters' gradients. */
    static void setGradients(Sequential model, float[] gradients) {
        int at = 0;
        for (Parameter p : model.parameters()) {
            int n = Math.toIntExact(p.size());
            float[] v = new float[n];
            System.arraycopy(gradients, at, v, 0, n);
            p.grad().copyFrom(v);
            at += n;
        }
    }

    private static List<Tensor> tensors(Sequential model, Adam adam) {
        List<Tensor> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            all.add(p.value());
        }
        all.addAll(adam.state().values());
        return all;
    }
}
