package dev.neurite.onnx;

import dev.neurite.data.preprocess.Scaler;
import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.io.Metadata;
import dev.neurite.nn.Sequential;
import dev.neurite.pipeline.Pipeline;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.pipeline.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A pipeline in an ONNX file. Export writes the task, the class and feature names, the label
 * column and the exact preprocessing state into the file's metadata ({@code neurite.*} keys),
 * besides the nodes that compute the preprocessing for other runtimes. Import takes the state
 * from the metadata, checks that the preprocessing nodes hold the same values, and maps the rest
 * of the graph to the model; a file from elsewhere is a pipeline without preprocessing, a classifier when it has several
 * outputs (a final Softmax is left to the pipeline, which applies its own).
 */
final class OnnxPipelines {

    static final String PREFIX = "neurite.";
    static final String TASK = PREFIX + "task";
    static final String CLASS_NAMES = PREFIX + "class_names";
    static final String FEATURE_NAMES = PREFIX + "feature_names";
    static final String LABEL_COLUMN = PREFIX + "label_column";
    static final String SETTING = PREFIX + "preprocessing.";
    static final String STATE = PREFIX + "preprocessing_state.";

    private OnnxPipelines() {
    }

    /** The metadata that lets {@link #pipeline} rebuild {@code p} exactly. */
    static Map<String, String> metadata(Pipeline p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TASK, p.task().label());
        list(m, CLASS_NAMES, p.classNames());
        list(m, FEATURE_NAMES, p.featureNames());
        if (p.labelColumn() != null) {
            m.put(LABEL_COLUMN, p.labelColumn());
        }
        Metadata pre = p.preprocessing().writeTo(Metadata.empty());
        pre.values().forEach((k, v) -> m.put(SETTING + k, String.valueOf(v)));
        for (String name : pre.preprocessingNames()) {
            double[] v = pre.preprocessing(name).orElseThrow();
            m.put(STATE + name, java.util.Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(",")));
        }
        return m;
    }

    private static void list(Map<String, String> m, String key, List<String> values) {
        m.put(key + ".count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            m.put(key + "." + i, values.get(i));
        }
    }

    /** The pipeline of {@code model}: preprocessing nodes taken off the graph, the rest as the network. */
    static Pipeline pipeline(ModelProto model) {
        Map<String, String> meta = model.metadata();
        Preprocessing pre = meta.containsKey(TASK) ? preprocessing(meta) : Preprocessing.none();
        List<NodeProto> nodes = new ArrayList<>(model.graph().nodes());
        Map<String, TensorProto> weights = new LinkedHashMap<>();
        model.graph().initializers().forEach(t -> weights.put(t.name(), t));
        String input = model.graph().inputs().stream().filter(v -> !weights.containsKey(v.name()))
                .map(ValueInfoProto::name).findFirst().orElse("");
        if (pre.imputer() != null) {
            expect(nodes, 0, "IsNaN", "impute_missing", null, weights);
            expect(nodes, 1, "Where", "impute", pre.imputer().fillValues(), weights);
            nodes.subList(0, 2).clear();
        }
        Scaler scaler = pre.featureScaler();
        if (scaler != null) {
            double[] factor = reciprocal(scaler.scale());
            expect(nodes, 0, "Sub", "scale_shift", scaler.shift(), weights);
            expect(nodes, 1, "Mul", "scale", factor, weights);
            nodes.subList(0, 2).clear();
        }
        Task task = meta.containsKey(TASK) ? Task.parse(meta.get(TASK)) : null;
        Scaler target = pre.targetScaler();
        if (target != null) {
            expect(nodes, nodes.size() - 2, "Mul", "target_scale", target.scale(), weights);
            expect(nodes, nodes.size() - 1, "Add", "target_shift", target.shift(), weights);
            nodes.subList(nodes.size() - 2, nodes.size()).clear();
        }
        if (nodes.isEmpty()) {
            throw new OnnxImporter.Unsupported("the graph holds preprocessing and no network");
        }
        String output = model.graph().outputs().isEmpty() ? "" : model.graph().outputs().getFirst().name();
        boolean endsInSoftmax = nodes.getLast().opType().equals("Softmax");
        if (task == null) {
            List<Object> dims = model.graph().outputs().isEmpty() ? List.of() : model.graph().outputs().getFirst().dims();
            boolean several = dims.size() == 2 && dims.get(1) instanceof Long width && width > 1;
            task = several || endsInSoftmax ? Task.CLASSIFICATION : Task.REGRESSION;
        }
        if (task == Task.CLASSIFICATION && endsInSoftmax && nodes.size() > 1) {
            nodes.removeLast(); // the pipeline's predictProba applies the softmax
        }
        // the network's graph: from the model input (the preprocessing's input) to the graph output
        NodeProto first = nodes.getFirst();
        List<String> firstInputs = new ArrayList<>(first.inputs());
        if (!firstInputs.isEmpty()) {
            firstInputs.set(0, input);
        }
        nodes.set(0, new NodeProto(first.name(), first.opType(), first.domain(), firstInputs, first.outputs(),
                first.attributes(), first.docString()));
        NodeProto last = nodes.getLast();
        nodes.set(nodes.size() - 1, new NodeProto(last.name(), last.opType(), last.domain(), last.inputs(),
                List.of(output), last.attributes(), last.docString()));
        GraphProto g = model.graph();
        GraphProto network = new GraphProto(g.name(), g.docString(), nodes, g.initializers(), g.inputs(), g.outputs());
        Sequential net = OnnxImporter.build(new ModelProto(model.irVersion(), model.producerName(),
                model.producerVersion(), model.docString(), model.opsets(), network, meta));
        List<String> classNames = names(meta, CLASS_NAMES);
        if (task == Task.CLASSIFICATION && classNames.isEmpty()) {
            for (int c = 0; c < net.outputFeatures(); c++) {
                classNames.add(Integer.toString(c));
            }
        }
        return Pipeline.of(net, pre, task, classNames, names(meta, FEATURE_NAMES), meta.get(LABEL_COLUMN),
                Metadata.empty());
    }

    private static Preprocessing preprocessing(Map<String, String> meta) {
        Metadata m = Metadata.empty();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (e.getKey().startsWith(SETTING)) {
                m = m.with(e.getKey().substring(SETTING.length()), e.getValue());
            } else if (e.getKey().startsWith(STATE)) {
                double[] v = e.getValue().isEmpty() ? new double[0]
                        : java.util.Arrays.stream(e.getValue().split(",")).mapToDouble(OnnxPipelines::number).toArray();
                m = m.withPreprocessing(e.getKey().substring(STATE.length()), v);
            }
        }
        try {
            return Preprocessing.readFrom(m);
        } catch (IllegalArgumentException e) {
            throw new OnnxImporter.Unsupported("metadata " + SETTING + "*: " + e.getMessage());
        }
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new OnnxImporter.Unsupported("metadata " + STATE + "*: \"" + s + "\" is not a number");
        }
    }

    private static List<String> names(Map<String, String> meta, String key) {
        List<String> out = new ArrayList<>();
        String count = meta.get(key + ".count");
        if (count == null) {
            return out;
        }
        int n;
        try {
            n = Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new OnnxImporter.Unsupported("metadata " + key + ".count \"" + count + "\" is not a count");
        }
        if (n < 0 || n > meta.size()) {
            throw new OnnxImporter.Unsupported("metadata " + key + ".count is " + n + ", but the file has "
                    + meta.size() + " metadata entries");
        }
        for (int i = 0; i < n; i++) {
            String v = meta.get(key + "." + i);
            if (v == null) {
                throw new OnnxImporter.Unsupported("metadata " + key + "." + i + " is missing");
            }
            out.add(v);
        }
        return out;
    }

    private static double[] reciprocal(double[] scale) {
        double[] out = new double[scale.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = 1.0 / scale[j];
        }
        return out;
    }

    /**
     * Node {@code at} must be {@code op} named {@code name} and, with {@code values}, read them as
     * its second input (the fill of Where, the operand of Sub, Mul and Add), in the file's
     * precision: the graph computes what the metadata says.
     */
    private static void expect(List<NodeProto> nodes, int at, String op, String name, double[] values,
                               Map<String, TensorProto> weights) {
        NodeProto n = at >= 0 && at < nodes.size() ? nodes.get(at) : null;
        if (n == null || !n.opType().equals(op) || !n.name().equals(name)) {
            throw new OnnxImporter.Unsupported("the metadata describes preprocessing that node #" + at + " should compute ("
                    + op + " \"" + name + "\"), but the graph has " + (n == null ? "no such node" : n.describe()));
        }
        if (values == null) {
            return;
        }
        TensorProto t = n.inputs().size() > 1 ? weights.get(n.inputs().get(1)) : null;
        if (t == null || t.count() != values.length) {
            throw new OnnxImporter.Unsupported(n.describe() + ": its constant does not match the metadata's "
                    + values.length + " values");
        }
        for (int j = 0; j < values.length; j++) {
            double expected = t.floats() != null ? (float) values[j] : values[j];
            if (Double.compare(t.value(j), expected) != 0) {
                throw new OnnxImporter.Unsupported(n.describe() + ": value " + j + " is " + t.value(j)
                        + ", the metadata's preprocessing gives " + expected);
            }
        }
    }
}
