/**
 * ONNX interchange for Neurite models: export a trained model, or a pipeline with its feature
 * scaler, to an ONNX file (opset 17) that ONNX Runtime and other runtimes serve, and import an
 * ONNX multilayer perceptron, such as one exported by PyTorch, as a Neurite model. Depends on
 * nothing beyond {@code neurite-core}: the protobuf messages ONNX uses are read and written by a
 * small encoder of this module's own.
 */
module dev.neurite.onnx {
    requires transitive dev.neurite.core;

    exports dev.neurite.onnx;
}
