package dev.neurite.onnx;

import java.util.List;

/**
 * A graph input or output: its name, element type and shape; each dimension is a {@code Long}
 * (a fixed size), a {@code String} (a named dynamic size such as {@code batch}) or null (unknown).
 */
record ValueInfoProto(String name, int elemType, List<Object> dims, String docString) {
}
