package dev.neurite.onnx;

import java.util.List;

/** An ONNX graph: nodes in topological order, initializers (the weights), inputs and outputs. */
record GraphProto(String name, String docString, List<NodeProto> nodes, List<TensorProto> initializers,
                  List<ValueInfoProto> inputs, List<ValueInfoProto> outputs) {
}
