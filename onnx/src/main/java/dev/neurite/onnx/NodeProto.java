package dev.neurite.onnx;

import java.util.List;
import java.util.Map;

/** An ONNX node: an operator applied to named inputs, writing named outputs. */
record NodeProto(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                 Map<String, AttributeProto> attributes, String docString) {

    /** The node as errors name it: {@code Gemm node "dense1"}. */
    String describe() {
        return opType + " node \"" + name + "\"";
    }
}
