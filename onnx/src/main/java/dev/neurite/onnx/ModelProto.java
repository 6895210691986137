package dev.neurite.onnx;

import java.util.Map;

/** An ONNX model file: versions, producer, the operator sets it imports, the graph and metadata. */
record ModelProto(long irVersion, String producerName, String producerVersion, String docString,
                  Map<String, Long> opsets, GraphProto graph, Map<String, String> metadata) {

    /** The IR version written: 8, the one of opset 17 (ONNX 1.12). */
    static final long IR_VERSION = 8;
    /** The opset written. */
    static final long OPSET = 17;
}
