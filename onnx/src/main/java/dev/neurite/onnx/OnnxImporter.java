package dev.neurite.onnx;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Identity;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerNorm;
import dev.neurite.nn.LeakyReLU;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Sigmoid;
import dev.neurite.nn.Softmax;
import dev.neurite.nn.Tanh;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An ONNX graph that is a chain of layers (a multilayer perceptron) as a Neurite model: Gemm, or
 * MatMul with an optional Add of a bias, to Dense; Relu, LeakyRelu, Sigmoid, Tanh and Softmax to
 * their layers; BatchNormalization (inference form) and LayerNormalization over the last axis to
 * BatchNorm and LayerNorm; Identity to Identity; Dropout and Flatten are passed over; Constant
 * nodes are weights. Anything else, or a node that does not continue the chain, is an {@link Unsupported}
 * naming the node and its operator.
 */
final class OnnxImporter {

    /** A graph Neurite cannot map, with the node and what is wrong. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    static final String SUPPORTED = "Gemm, MatMul, Add (a bias after MatMul), Relu, LeakyRelu, Sigmoid, Tanh, "
            + "Softmax, BatchNormalization, LayerNormalization, Identity, Dropout, Flatten, Constant";

    private final Map<String, TensorProto> weights = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    /** Fills each layer's parameters once the model is built; one entry per layer with weights. */
    private final List<Consumer<Layer>> fills = new ArrayList<>();
    private final List<Integer> fillLayer = new ArrayList<>();
    private DType dtype;
    private String current;
    private int width;

    private OnnxImporter() {
    }

    static Sequential build(ModelProto model) {
        return new OnnxImporter().run(model.graph());
    }

    private Sequential run(GraphProto g) {
        for (TensorProto t : g.initializers()) {
            weights.put(t.name(), t);
        }
        List<ValueInfoProto> inputs = g.inputs().stream().filter(v -> !weights.containsKey(v.name())).toList();
        if (inputs.size() != 1) {
            throw new Unsupported("the graph has " + inputs.size() + " inputs "
                    + inputs.stream().map(ValueInfoProto::name).toList() + "; Neurite imports models of one input");
        }
        if (g.outputs().size() != 1) {
            throw new Unsupported("the graph has " + g.outputs().size() + " outputs; Neurite imports models of one output");
        }
        ValueInfoProto input = inputs.getFirst();
        dtype = switch (input.elemType()) {
            case TensorProto.FLOAT -> DType.F32;
            case TensorProto.DOUBLE -> DType.F64;
            default -> throw new Unsupported("input \"" + input.name() + "\" is of " + TensorProto.typeName(input.elemType())
                    + "; Neurite imports float and double models");
        };
        width = features(input);
        int inputFeatures = width;
        current = input.name();
        List<NodeProto> nodes = g.nodes();
        for (int k = 0; k < nodes.size(); k++) {
            NodeProto n = nodes.get(k);
            if (n.opType().equals("Constant")) {
                constant(n);
                continue;
            }
            if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx")) {
                throw new Unsupported(n.describe() + " is in domain \"" + n.domain() + "\"; Neurite maps ONNX's own operators");
            }
            if (n.inputs().isEmpty() || !n.inputs().getFirst().equals(current)) {
                throw new Unsupported(n.describe() + " reads " + n.inputs() + ", not \"" + current
                        + "\", the output of the node before it: Neurite imports a chain of layers");
            }
            NodeProto next = k + 1 < nodes.size() ? nodes.get(k + 1) : null;
            if (node(n, next)) {
                k++; // the next node (a bias Add) was folded into this one
                current = next.outputs().getFirst();
            } else {
                current = n.outputs().getFirst();
            }
        }
        String output = g.outputs().getFirst().name();
        if (!current.equals(output)) {
            throw new Unsupported("the chain of nodes ends in \"" + current + "\", but the graph's output is \""
                    + output + "\"");
        }
        if (layers.isEmpty()) {
            layers.add(new Identity());
        }
        Sequential model = Sequential.withoutInit(inputFeatures, dtype, 0, layers.toArray(Layer[]::new));
        try {
            for (int i = 0; i < fills.size(); i++) {
                fills.get(i).accept(model.layers().get(fillLayer.get(i)));
            }
            return model;
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    /** The number of features of the graph input {@code (batch, features)}, or of {@code (batch, ...)} flattened. */
    private static int features(ValueInfoProto input) {
        List<Object> dims = input.dims();
        if (dims.size() < 2) {
            throw new Unsupported("input \"" + input.name() + "\" has shape " + dims + "; Neurite needs (batch, features)");
        }
        long n = 1;
        for (Object d : dims.subList(1, dims.size())) {
            if (!(d instanceof Long size) || size <= 0) {
                throw new Unsupported("input \"" + input.name() + "\" has shape " + dims
                        + ": every dimension after the batch must be a fixed size");
            }
            n *= size;
            if (n > Integer.MAX_VALUE) {
                throw new Unsupported("input \"" + input.name() + "\" has shape " + dims + ", too many features");
            }
        }
        return (int) n;
    }

    /** Maps node {@code n}; true when it also took {@code next} (MatMul followed by its bias Add). */
    private boolean node(NodeProto n, NodeProto next) {
        switch (n.opType()) {
            case "Gemm" -> gemm(n);
            case "MatMul" -> {
                TensorProto w = weight(n, 1, "B");
                int[] shape = matrix(n, w, "B");
                TensorProto bias = biasAdd(n, next);
                dense(n, w, shape[0], shape[1], false, bias);
                return bias != null;
            }
            case "Relu" -> layers.add(new ReLU());
            case "LeakyRelu" -> {
                double alpha = decimal(floatAttribute(n, "alpha", 0.01f));
                layers.add(checked(n, () -> new LeakyReLU(alpha)));
            }
            case "Sigmoid" -> layers.add(new Sigmoid());
            case "Tanh" -> layers.add(new Tanh());
            case "Softmax" -> {
                long axis = intAttribute(n, "axis", -1);
                if (axis != -1 && axis != 1) {
                    throw new Unsupported(n.describe() + " has axis " + axis + "; Neurite's Softmax is over the features");
                }
                layers.add(new Softmax());
            }
            case "BatchNormalization" -> batchNorm(n);
            case "LayerNormalization" -> layerNorm(n);
            case "Identity" -> layers.add(new Identity());
            case "Dropout" -> {
                // passed over: the identity at inference
            }
            case "Flatten" -> {
                if (intAttribute(n, "axis", 1) != 1) {
                    throw new Unsupported(n.describe() + " flattens from axis " + intAttribute(n, "axis", 1)
                            + "; Neurite models take (batch, features) rows");
                }
            }
            default -> throw new Unsupported(n.describe() + ": operator " + n.opType()
                    + " has no Neurite layer; supported: " + SUPPORTED);
        }
        return false;
    }

    /** The bias of {@code next} when it is an Add of a stored vector to {@code n}'s output, else null. */
    private TensorProto biasAdd(NodeProto n, NodeProto next) {
        if (next == null || !next.opType().equals("Add") || next.inputs().size() != 2) {
            return null;
        }
        String out = n.outputs().getFirst();
        int other = next.inputs().get(0).equals(out) ? 1 : next.inputs().get(1).equals(out) ? 0 : -1;
        if (other < 0 || !weights.containsKey(next.inputs().get(other))) {
            return null;
        }
        return weight(next, other, "B");
    }

    private void gemm(NodeProto n) {
        float alpha = floatAttribute(n, "alpha", 1);
        float beta = floatAttribute(n, "beta", 1);
        if (alpha != 1 || intAttribute(n, "transA", 0) != 0) {
            throw new Unsupported(n.describe() + " has alpha " + alpha + " and transA " + intAttribute(n, "transA", 0)
                    + "; Neurite maps Gemm with alpha 1 and transA 0 to Dense");
        }
        TensorProto w = weight(n, 1, "B");
        int[] shape = matrix(n, w, "B");
        boolean transB = intAttribute(n, "transB", 0) != 0;
        TensorProto c = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty() ? weight(n, 2, "C") : null;
        if (c != null && beta != 1) {
            throw new Unsupported(n.describe() + " has beta " + beta + "; Neurite maps Gemm with beta 1 to Dense");
        }
        int in = transB ? shape[1] : shape[0];
        int out = transB ? shape[0] : shape[1];
        dense(n, w, in, out, transB, c);
    }

    private void dense(NodeProto n, TensorProto w, int in, int out, boolean transposed, TensorProto bias) {
        if (in != width) {
            throw new Unsupported(n.describe() + " takes " + in + " features (weight " + w.shape() + "), but "
                    + width + " come in: the shapes do not chain");
        }
        if (bias != null && bias.count() != out) {
            throw new Unsupported(n.describe() + ": bias \"" + bias.name() + "\" " + bias.shape() + " holds "
                    + bias.count() + " values for " + out + " outputs");
        }
        Dense d = new Dense(in, out, bias != null);
        fill(d, layer -> {
            Dense dense = (Dense) layer;
            copy(dense.weight().value(), w, transposed);
            if (bias != null) {
                copy(dense.bias().value(), bias, false);
            }
        });
        width = out;
    }

    private void batchNorm(NodeProto n) {
        if (n.outputs().size() > 1 || intAttribute(n, "training_mode", 0) != 0) {
            throw new Unsupported(n.describe() + " is in training mode; Neurite imports BatchNormalization in its "
                    + "inference form");
        }
        TensorProto scale = vectorWeight(n, 1, "scale");
        TensorProto shift = vectorWeight(n, 2, "B");
        TensorProto mean = vectorWeight(n, 3, "input_mean");
        TensorProto var = vectorWeight(n, 4, "input_var");
        double eps = decimal(floatAttribute(n, "epsilon", 1e-5f));
        double momentum = 1 - decimal(floatAttribute(n, "momentum", 0.9f));
        BatchNorm b = checked(n, () -> new BatchNorm(width, momentum, eps));
        fill(b, layer -> {
            BatchNorm bn = (BatchNorm) layer;
            copy(bn.gamma().value(), scale, false);
            copy(bn.beta().value(), shift, false);
            copy(bn.runningMean(), mean, false);
            copy(bn.runningVar(), var, false);
        });
    }

    private void layerNorm(NodeProto n) {
        long axis = intAttribute(n, "axis", -1);
        if (axis != -1 && axis != 1) {
            throw new Unsupported(n.describe() + " normalises from axis " + axis + "; Neurite's LayerNorm is over the features");
        }
        TensorProto scale = vectorWeight(n, 1, "Scale");
        TensorProto shift = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty() ? vectorWeight(n, 2, "B") : null;
        double eps = decimal(floatAttribute(n, "epsilon", 1e-5f));
        LayerNorm l = checked(n, () -> new LayerNorm(width, eps));
        fill(l, layer -> {
            LayerNorm ln = (LayerNorm) layer;
            copy(ln.gamma().value(), scale, false);
            if (shift != null) {
                copy(ln.beta().value(), shift, false);
            }
        });
    }

    private void constant(NodeProto n) {
        AttributeProto value = n.attributes().get("value");
        if (value == null || value.t() == null || n.outputs().size() != 1) {
            throw new Unsupported(n.describe() + " is not a tensor constant (Neurite reads Constant nodes with a "
                    + "'value' tensor)");
        }
        TensorProto t = value.t();
        weights.put(n.outputs().getFirst(), new TensorProto(n.outputs().getFirst(), t.dataType(), t.dims(), t.floats(),
                t.doubles()));
    }

    private void fill(Layer layer, Consumer<Layer> fill) {
        fillLayer.add(layers.size());
        layers.add(layer);
        fills.add(fill);
    }

    private TensorProto weight(NodeProto n, int index, String role) {
        String name = n.inputs().size() > index ? n.inputs().get(index) : "";
        TensorProto t = weights.get(name);
        if (t == null) {
            throw new Unsupported(n.describe() + ": input " + role + (name.isEmpty() ? " is missing" : " \"" + name
                    + "\" is not an initializer or a constant") + "; Neurite imports weights stored in the file");
        }
        int expected = dtype == DType.F32 ? TensorProto.FLOAT : TensorProto.DOUBLE;
        if (t.dataType() != expected) {
            throw new Unsupported(n.describe() + ": " + role + " \"" + name + "\" is " + TensorProto.typeName(t.dataType())
                    + ", the model's input is " + TensorProto.typeName(expected));
        }
        return t;
    }

    /** A per-feature vector weight: {@code width} values, as {@code [width]} or {@code [1, width]}. */
    private TensorProto vectorWeight(NodeProto n, int index, String role) {
        TensorProto t = weight(n, index, role);
        if (t.count() != width) {
            throw new Unsupported(n.describe() + ": " + role + " \"" + t.name() + "\" " + t.shape() + " holds "
                    + t.count() + " values for " + width + " features");
        }
        return t;
    }

    private static int[] matrix(NodeProto n, TensorProto w, String role) {
        if (w.dims().length != 2 || w.dims()[0] > Integer.MAX_VALUE || w.dims()[1] > Integer.MAX_VALUE
                || w.dims()[0] == 0 || w.dims()[1] == 0) {
            throw new Unsupported(n.describe() + ": " + role + " \"" + w.name() + "\" has shape " + w.shape()
                    + "; a Dense weight is a non-empty matrix");
        }
        return new int[] {(int) w.dims()[0], (int) w.dims()[1]};
    }

    /** Copies {@code src} into {@code dst}, transposed from {@code (cols, rows)} when asked. */
    private static void copy(Tensor dst, TensorProto src, boolean transposed) {
        Tensor target = transposed ? dst.transpose() : dst;
        if (src.floats() != null) {
            target.copyFrom(src.floats());
        } else {
            target.copyFrom(src.doubles());
        }
    }

    private static float floatAttribute(NodeProto n, String name, float fallback) {
        AttributeProto a = n.attributes().get(name);
        if (a == null) {
            return fallback;
        }
        if (a.type() != AttributeProto.FLOAT) {
            throw new Unsupported(n.describe() + ": attribute " + name + " should be a float");
        }
        return a.f();
    }

    private static long intAttribute(NodeProto n, String name, long fallback) {
        AttributeProto a = n.attributes().get(name);
        if (a == null) {
            return fallback;
        }
        if (a.type() != AttributeProto.INT) {
            throw new Unsupported(n.describe() + ": attribute " + name + " should be an integer");
        }
        return a.i();
    }

    /**
     * A float attribute as the decimal it was written from (0.01f back to 0.01), so a Neurite model
     * that went out and back has the settings it had.
     */
    private static double decimal(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    private static <T> T checked(NodeProto n, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new Unsupported(n.describe() + ": " + e.getMessage());
        }
    }
}
