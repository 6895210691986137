package dev.neurite.io;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Layer;
import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tensors a model or optimizer file holds, and loading them with shape checks. */
final class TensorFiles {

    private TensorFiles() {
    }

    /**
     * Every tensor of a model's state under the names {@link Sequential} gives: the parameters
     * ({@code dense1.weight}, {@code dense1.bias}, ...) and the batch-norm running statistics
     * ({@code batchnorm1.running_mean}, {@code batchnorm1.running_var}), layer by layer.
     */
    static Map<String, Tensor> modelState(Sequential model) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            for (Parameter p : layer.parameters()) {
                put(tensors, p.name(), p.value());
            }
            if (layer instanceof BatchNorm b) {
                put(tensors, b.name() + ".running_mean", b.runningMean());
                put(tensors, b.name() + ".running_var", b.runningVar());
            }
        }
        return tensors;
    }

    private static void put(Map<String, Tensor> tensors, String name, Tensor t) {
        if (tensors.put(name, t) != null) {
            throw new IllegalArgumentException("two tensors of the model are named " + name);
        }
    }

    /**
     * Checks that {@code file} holds exactly the tensors of {@code expected}, each with its shape
     * and dtype; {@code needs} names what needs them in errors ("the architecture").
     */
    static void check(SafetensorsFile file, Map<String, Tensor> expected, String needs) throws ModelFileException {
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            String shape = "[" + t.rows() + ", " + t.cols() + "]";
            SafetensorsFile.Entry entry = file.entries().get(name);
            if (entry == null) {
                throw new ModelFileException(file.file(), "tensor " + name + " is missing (" + needs + " needs it, shape "
                        + shape + ")");
            }
            if (entry.shape().length != 2 || entry.shape()[0] != t.rows() || entry.shape()[1] != t.cols()) {
                throw new ModelFileException(file.file(), name + " has shape " + entry.shapeText() + ", " + needs
                        + " needs " + shape);
            }
            if (entry.dtype() != t.dtype()) {
                throw new ModelFileException(file.file(), name + " is " + dtypeName(entry.dtype()) + ", "
                        + needs + " is " + dtypeName(t.dtype()));
            }
        }
        for (String name : file.entries().keySet()) {
            if (!expected.containsKey(name)) {
                throw new ModelFileException(file.file(), "tensor " + name + " is not part of " + needs);
            }
        }
    }

    /** Copies the tensors of a {@link #check}ed file into {@code expected}. */
    static void copy(SafetensorsFile file, Map<String, Tensor> expected) throws IOException {
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            file.read(e.getKey(), e.getValue());
        }
    }

    static String dtypeName(DType dtype) {
        return SafetensorsWriter.dtypeName(dtype);
    }
}
