package dev.neurite.onnx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX's protobuf messages to and from bytes: {@link ModelProto} and what it holds, with the
 * field numbers of {@code onnx.proto}. Reading checks every size against the bytes left and every
 * tensor's values against its dimensions; a problem is a {@link ProtoReader.Malformed} naming the
 * message, the byte offset and what is wrong.
 */
final class OnnxCodec {

    private OnnxCodec() {
    }

    // ---------------------------------------------------------------------------------------
    // Writing

    static byte[] encode(ModelProto m) {
        ProtoWriter w = new ProtoWriter().int64(1, m.irVersion()).string(2, m.producerName())
                .string(3, m.producerVersion());
        if (!m.docString().isEmpty()) {
            w.string(6, m.docString());
        }
        w.message(7, graph(m.graph()));
        for (Map.Entry<String, Long> opset : m.opsets().entrySet()) {
            w.message(8, new ProtoWriter().string(1, opset.getKey()).int64(2, opset.getValue()));
        }
        for (Map.Entry<String, String> e : m.metadata().entrySet()) {
            w.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
        }
        return w.toByteArray();
    }

    private static ProtoWriter graph(GraphProto g) {
        ProtoWriter w = new ProtoWriter();
        for (NodeProto n : g.nodes()) {
            w.message(1, node(n));
        }
        w.string(2, g.name());
        for (TensorProto t : g.initializers()) {
            w.message(5, tensor(t));
        }
        if (!g.docString().isEmpty()) {
            w.string(10, g.docString());
        }
        for (ValueInfoProto v : g.inputs()) {
            w.message(11, valueInfo(v));
        }
        for (ValueInfoProto v : g.outputs()) {
            w.message(12, valueInfo(v));
        }
        return w;
    }

    private static ProtoWriter node(NodeProto n) {
        ProtoWriter w = new ProtoWriter();
        n.inputs().forEach(s -> w.string(1, s));
        n.outputs().forEach(s -> w.string(2, s));
        w.string(3, n.name()).string(4, n.opType());
        for (AttributeProto a : n.attributes().values()) {
            w.message(5, attribute(a));
        }
        if (!n.docString().isEmpty()) {
            w.string(6, n.docString());
        }
        if (!n.domain().isEmpty()) {
            w.string(7, n.domain());
        }
        return w;
    }

    private static ProtoWriter attribute(AttributeProto a) {
        ProtoWriter w = new ProtoWriter().string(1, a.name());
        switch (a.type()) {
            case AttributeProto.FLOAT -> w.float32(2, a.f());
            case AttributeProto.INT -> w.int64(3, a.i());
            case AttributeProto.STRING -> w.string(4, a.s());
            case AttributeProto.TENSOR -> w.message(5, tensor(a.t()));
            default -> throw new IllegalArgumentException("attribute " + a.name() + ": type " + a.type()
                    + " is not written");
        }
        return w.int64(20, a.type());
    }

    private static ProtoWriter tensor(TensorProto t) {
        ProtoWriter w = new ProtoWriter();
        for (long d : t.dims()) {
            w.int64(1, d);
        }
        w.int64(2, t.dataType()).string(8, t.name());
        ByteBuffer raw;
        if (t.floats() != null) {
            raw = ByteBuffer.allocate(t.floats().length * Float.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(t.floats());
        } else {
            raw = ByteBuffer.allocate(t.doubles().length * Double.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            raw.asDoubleBuffer().put(t.doubles());
        }
        return w.bytes(9, raw.array());
    }

    private static ProtoWriter valueInfo(ValueInfoProto v) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : v.dims()) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof Long size) {
                dim.int64(1, size);
            } else if (d instanceof String param) {
                dim.string(2, param);
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().int64(1, v.elemType()).message(2, shape);
        ProtoWriter w = new ProtoWriter().string(1, v.name()).message(2, new ProtoWriter().message(1, tensorType));
        if (!v.docString().isEmpty()) {
            w.string(3, v.docString());
        }
        return w;
    }

    // ---------------------------------------------------------------------------------------
    // Reading

    static ModelProto decode(byte[] data) {
        ProtoReader r = new ProtoReader(data, 0, data.length, "ModelProto");
        long ir = 0;
        String producer = "";
        String producerVersion = "";
        String doc = "";
        GraphProto graph = null;
        Map<String, Long> opsets = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> ir = r.int64();
                case 2 -> producer = r.string();
                case 3 -> producerVersion = r.string();
                case 6 -> doc = r.string();
                case 7 -> graph = graph(r.message("GraphProto"));
                case 8 -> {
                    ProtoReader o = r.message("OperatorSetIdProto");
                    String domain = "";
                    long version = 0;
                    while (o.next()) {
                        switch (o.field()) {
                            case 1 -> domain = o.string();
                            case 2 -> version = o.int64();
                            default -> o.skip();
                        }
                    }
                    opsets.put(domain, version);
                }
                case 14 -> {
                    ProtoReader e = r.message("StringStringEntryProto");
                    String key = "";
                    String value = "";
                    while (e.next()) {
                        switch (e.field()) {
                            case 1 -> key = e.string();
                            case 2 -> value = e.string();
                            default -> e.skip();
                        }
                    }
                    metadata.put(key, value);
                }
                default -> r.skip();
            }
        }
        if (graph == null) {
            throw new ProtoReader.Malformed("ModelProto has no graph (not an ONNX model file, or an empty one)");
        }
        return new ModelProto(ir, producer, producerVersion, doc, opsets, graph, metadata);
    }

    private static GraphProto graph(ProtoReader r) {
        String name = "";
        String doc = "";
        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> initializers = new ArrayList<>();
        List<ValueInfoProto> inputs = new ArrayList<>();
        List<ValueInfoProto> outputs = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> nodes.add(node(r.message("NodeProto #" + nodes.size())));
                case 2 -> name = r.string();
                case 5 -> initializers.add(tensor(r.message("initializer #" + initializers.size())));
                case 10 -> doc = r.string();
                case 11 -> inputs.add(valueInfo(r.message("graph input #" + inputs.size())));
                case 12 -> outputs.add(valueInfo(r.message("graph output #" + outputs.size())));
                default -> r.skip();
            }
        }
        return new GraphProto(name, doc, nodes, initializers, inputs, outputs);
    }

    private static NodeProto node(ProtoReader r) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        String doc = "";
        Map<String, AttributeProto> attributes = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> inputs.add(r.string());
                case 2 -> outputs.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> {
                    AttributeProto a = attribute(r.message("AttributeProto"));
                    attributes.put(a.name(), a);
                }
                case 6 -> doc = r.string();
                case 7 -> domain = r.string();
                default -> r.skip();
            }
        }
        return new NodeProto(name, op, domain, inputs, outputs, attributes, doc);
    }

    private static AttributeProto attribute(ProtoReader r) {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = null;
        TensorProto t = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        int seen = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 20 -> type = (int) r.int64();
                case 2 -> {
                    f = r.float32();
                    seen = AttributeProto.FLOAT;
                }
                case 3 -> {
                    i = r.int64();
                    seen = AttributeProto.INT;
                }
                case 4 -> {
                    s = r.string();
                    seen = AttributeProto.STRING;
                }
                case 5 -> {
                    t = tensor(r.message("tensor attribute"));
                    seen = AttributeProto.TENSOR;
                }
                case 7 -> {
                    floats.add(r.floats());
                    seen = AttributeProto.FLOATS;
                }
                case 8 -> {
                    r.int64s(ints);
                    seen = AttributeProto.INTS;
                }
                default -> r.skip();
            }
        }
        return new AttributeProto(name, type != 0 ? type : seen, f, i, s, t, floats.toArray(), ints.toArray());
    }

    private static TensorProto tensor(ProtoReader r) {
        LongList dimList = new LongList();
        int type = 0;
        String name = "";
        ByteBuffer raw = null;
        FloatList floatData = new FloatList();
        List<double[]> doubleData = new ArrayList<>();
        LongList int64Data = new LongList();
        int start = r.offset();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> r.int64s(dimList);
                case 2 -> type = (int) r.int64();
                case 4 -> floatData.add(r.floats());
                case 7 -> r.int64s(int64Data);
                case 8 -> name = r.string();
                case 9 -> raw = r.bytes();
                case 10 -> doubleData.add(r.doubles());
                case 13, 14 -> throw r.malformed("tensor \"" + name + "\" keeps its data in an external file, "
                        + "which is not supported: save the model with its weights inside");
                default -> r.skip();
            }
        }
        long[] dims = dimList.toArray();
        long count = 1;
        for (long d : dims) {
            if (d < 0) {
                throw r.malformed("tensor \"" + name + "\" has a negative dimension " + d);
            }
            if (d != 0 && count > (Integer.MAX_VALUE - 8) / d) {
                throw r.malformed("tensor \"" + name + "\" has dimensions " + java.util.Arrays.toString(dims)
                        + ", more elements than any array holds");
            }
            count *= d;
        }
        int n = (int) count;
        String what = "tensor \"" + name + "\" of dimensions " + java.util.Arrays.toString(dims) + " ("
                + TensorProto.typeName(type) + ")";
        int bytes = switch (type) {
            case TensorProto.FLOAT -> 4;
            case TensorProto.DOUBLE, TensorProto.INT64 -> 8;
            default -> throw r.malformed(what + ": only float, double and int64 tensors are supported");
        };
        if (raw != null) {
            if (raw.remaining() != (long) n * bytes) {
                throw r.malformed(what + " needs " + (long) n * bytes + " bytes of data, raw_data holds "
                        + raw.remaining());
            }
            return switch (type) {
                case TensorProto.FLOAT -> {
                    float[] v = new float[n];
                    raw.asFloatBuffer().get(v);
                    yield new TensorProto(name, type, dims, v, null);
                }
                case TensorProto.DOUBLE -> {
                    double[] v = new double[n];
                    raw.asDoubleBuffer().get(v);
                    yield new TensorProto(name, type, dims, null, v);
                }
                default -> {
                    double[] v = new double[n];
                    for (int k = 0; k < n; k++) {
                        v[k] = raw.getLong(k * 8);
                    }
                    yield new TensorProto(name, type, dims, null, v);
                }
            };
        }
        double[] values = switch (type) {
            case TensorProto.FLOAT -> null;
            case TensorProto.DOUBLE -> concat(doubleData);
            default -> java.util.Arrays.stream(int64Data.toArray()).asDoubleStream().toArray();
        };
        float[] floats = type == TensorProto.FLOAT ? floatData.toArray() : null;
        int held = floats != null ? floats.length : values.length;
        if (held != n) {
            throw r.malformed(what + " needs " + n + " values, the file holds " + held + " (at byte " + start + ")");
        }
        return new TensorProto(name, type, dims, floats, values);
    }

    private static double[] concat(List<double[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static ValueInfoProto valueInfo(ProtoReader r) {
        String name = "";
        String doc = "";
        int elemType = 0;
        List<Object> dims = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 3 -> doc = r.string();
                case 2 -> {
                    ProtoReader type = r.message("TypeProto");
                    while (type.next()) {
                        if (type.field() != 1) {
                            type.skip();
                            continue;
                        }
                        ProtoReader tensor = type.message("TypeProto.Tensor");
                        while (tensor.next()) {
                            switch (tensor.field()) {
                                case 1 -> elemType = (int) tensor.int64();
                                case 2 -> shape(tensor.message("TensorShapeProto"), dims);
                                default -> tensor.skip();
                            }
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new ValueInfoProto(name, elemType, dims, doc);
    }

    private static void shape(ProtoReader r, List<Object> dims) {
        while (r.next()) {
            if (r.field() != 1) {
                r.skip();
                continue;
            }
            ProtoReader dim = r.message("Dimension");
            Object d = null;
            while (dim.next()) {
                switch (dim.field()) {
                    case 1 -> d = dim.int64();
                    case 2 -> d = dim.string();
                    default -> dim.skip();
                }
            }
            dims.add(d);
        }
    }
}
