package dev.neurite.onnx;

import dev.neurite.data.preprocess.Scaler;
import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Dropout;
import dev.neurite.nn.Identity;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerNorm;
import dev.neurite.nn.LeakyReLU;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Sigmoid;
import dev.neurite.nn.Softmax;
import dev.neurite.nn.Tanh;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Neurite model, and optionally the preprocessing of its pipeline, as an ONNX graph of opset 17:
 * one node per layer, named after it (Dense to Gemm, the activations to their operators,
 * BatchNorm in its inference form to BatchNormalization, LayerNorm to LayerNormalization, Dropout
 * left out); the imputer as {@code Where(IsNaN(x), fill, x)}, the feature scaler as Sub and Mul,
 * the target scaler's inverse as Mul and Add, and for a classifier a softmax to probabilities. Input {@code input} and output {@code output} are
 * {@code (batch, features)}, the batch dimension dynamic. Weights are written bit for bit.
 */
final class OnnxExporter {

    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String BATCH = "batch";

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final boolean f64;
    private String current = INPUT;

    private OnnxExporter(DType dtype) {
        this.f64 = dtype == DType.F64;
    }

    /**
     * The graph of {@code model}, with {@code preprocessing} (null: none) around it and, with
     * {@code probabilities}, a final softmax (a classification pipeline's class probabilities).
     */
    static ModelProto export(Sequential model, Preprocessing preprocessing, boolean probabilities,
                             Map<String, String> metadata) {
        OnnxExporter e = new OnnxExporter(model.dtype());
        if (preprocessing != null) {
            e.features(preprocessing.imputer(), preprocessing.featureScaler());
        }
        for (Layer layer : model.layers()) {
            e.layer(layer);
        }
        if (preprocessing != null && preprocessing.targetScaler() != null) {
            Scaler t = preprocessing.targetScaler();
            e.node("Mul", "target_scale", List.of(e.current, e.vector("target_scale.factor", t.scale())), Map.of(),
                    "outputs back in the units of the targets: times the target scaler's scale");
            e.node("Add", "target_shift", List.of(e.current, e.vector("target_shift.shift", t.shift())), Map.of(),
                    "plus the target scaler's shift");
        }
        if (probabilities) {
            e.node("Softmax", "probabilities", List.of(e.current), attributes(AttributeProto.ofInt("axis", -1)),
                    "class probabilities, as the pipeline's predictProba gives them");
        }
        if (e.nodes.isEmpty()) {
            e.node("Identity", "identity", List.of(INPUT), Map.of(), "the model leaves its input as it is");
        }
        e.renameLastOutput();
        int elemType = e.f64 ? TensorProto.DOUBLE : TensorProto.FLOAT;
        GraphProto graph = new GraphProto("neurite", model.summary(), e.nodes, e.initializers,
                List.of(new ValueInfoProto(INPUT, elemType, List.of(BATCH, (long) model.inputFeatures()),
                        "rows of " + model.inputFeatures() + " features")),
                List.of(new ValueInfoProto(OUTPUT, elemType, List.of(BATCH, (long) model.outputFeatures()),
                        "rows of " + model.outputFeatures() + " outputs")));
        Map<String, Long> opsets = new LinkedHashMap<>();
        opsets.put("", ModelProto.OPSET);
        String version = Sequential.class.getPackage().getImplementationVersion();
        return new ModelProto(ModelProto.IR_VERSION, "Neurite", version == null ? "dev" : version,
                "A Neurite " + model.dtype().label() + " model of " + model.layers().size() + " layers", opsets,
                graph, metadata);
    }

    private void features(SimpleImputer imputer, Scaler scaler) {
        if (imputer != null) {
            String raw = current;
            String isNaN = node("IsNaN", "impute_missing", List.of(raw), Map.of(), "which features are missing");
            String fill = vector("impute.fill", imputer.fillValues());
            node("Where", "impute", List.of(isNaN, fill, raw), Map.of(),
                    "missing features replaced by the imputer's values (" + imputer.strategy() + ")");
        }
        if (scaler != null) {
            double[] scale = scaler.scale();
            double[] factor = new double[scale.length];
            for (int j = 0; j < scale.length; j++) {
                factor[j] = 1.0 / scale[j];
            }
            node("Sub", "scale_shift", List.of(current, vector("scale_shift.shift", scaler.shift())), Map.of(),
                    "features minus the " + scaler.typeName() + " scaler's shift");
            node("Mul", "scale", List.of(current, vector("scale.factor", factor)), Map.of(),
                    "times one over the " + scaler.typeName() + " scaler's scale");
        }
    }

    private void layer(Layer layer) {
        String name = layer.name();
        String doc = layer.describe();
        switch (layer) {
            case Dense d -> {
                List<String> inputs = new ArrayList<>(List.of(current, weights(d.weight().name(),
                        d.weight().value())));
                if (d.bias() != null) {
                    inputs.add(vector(d.bias().name(), d.bias().value().toDoubleArray()));
                }
                node("Gemm", name, inputs, attributes(AttributeProto.ofFloat("alpha", 1),
                        AttributeProto.ofFloat("beta", 1), AttributeProto.ofInt("transB", 0)), doc);
            }
            case ReLU r -> node("Relu", name, List.of(current), Map.of(), doc);
            case LeakyReLU l -> node("LeakyRelu", name, List.of(current),
                    attributes(AttributeProto.ofFloat("alpha", (float) l.slope())), doc);
            case Sigmoid s -> node("Sigmoid", name, List.of(current), Map.of(), doc);
            case Tanh t -> node("Tanh", name, List.of(current), Map.of(), doc);
            case Identity i -> node("Identity", name, List.of(current), Map.of(), doc);
            case Softmax s -> node("Softmax", name, List.of(current), attributes(AttributeProto.ofInt("axis", -1)),
                    doc);
            case Dropout d -> {
                // the identity at inference: no node
            }
            case BatchNorm b -> node("BatchNormalization", name, List.of(current,
                            vector(b.gamma().name(), b.gamma().value().toDoubleArray()),
                            vector(b.beta().name(), b.beta().value().toDoubleArray()),
                            vector(name + ".running_mean", b.runningMean().toDoubleArray()),
                            vector(name + ".running_var", b.runningVar().toDoubleArray())),
                    attributes(AttributeProto.ofFloat("epsilon", (float) b.eps()),
                            AttributeProto.ofFloat("momentum", (float) (1 - b.momentum()))), doc);
            case LayerNorm n -> node("LayerNormalization", name, List.of(current,
                            vector(n.gamma().name(), n.gamma().value().toDoubleArray()),
                            vector(n.beta().name(), n.beta().value().toDoubleArray())),
                    attributes(AttributeProto.ofInt("axis", -1), AttributeProto.ofFloat("epsilon", (float) n.eps())),
                    doc);
            default -> throw new IllegalArgumentException("layer " + name + " (" + layer.typeName()
                    + ") has no ONNX export; exported layers: Dense, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, "
                    + "Identity, Dropout, BatchNorm, LayerNorm");
        }
    }

    private static Map<String, AttributeProto> attributes(AttributeProto... list) {
        Map<String, AttributeProto> m = new LinkedHashMap<>();
        for (AttributeProto a : list) {
            m.put(a.name(), a);
        }
        return m;
    }

    /** Adds a node reading {@code inputs}; its output, named after it, becomes the current value. */
    private String node(String op, String name, List<String> inputs, Map<String, AttributeProto> attributes,
                        String doc) {
        nodes.add(new NodeProto(name, op, "", List.copyOf(inputs), List.of(name), attributes, doc));
        current = name;
        return name;
    }

    private void renameLastOutput() {
        NodeProto last = nodes.removeLast();
        nodes.add(new NodeProto(last.name(), last.opType(), last.domain(), last.inputs(), List.of(OUTPUT),
                last.attributes(), last.docString()));
    }

    /** A weight matrix as an initializer of its own shape, in the model's precision. */
    private String weights(String name, Tensor w) {
        long[] dims = {w.rows(), w.cols()};
        initializers.add(f64 ? TensorProto.of(name, dims, w.toDoubleArray()) : TensorProto.of(name, dims, w.toFloatArray()));
        return name;
    }

    /** A 1-D initializer, in the model's precision (float32 values rounded once). */
    private String vector(String name, double[] values) {
        long[] dims = {values.length};
        if (f64) {
            initializers.add(TensorProto.of(name, dims, values.clone()));
        } else {
            float[] v = new float[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) values[i];
            }
            initializers.add(TensorProto.of(name, dims, v));
        }
        return name;
    }
}
