package dev.neurite.io;

import dev.neurite.nn.Layer;
import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tensors a model or optimizer file holds, and loading them with shape checks. */
final class TensorFiles {

    private TensorFiles() {
    }

    /**
     * Every tensor of a model's state under the names {@link Sequential} gives: the parameters
     * ({@code dense1.weight}, {@code dense1.bias}, ...) and the layers' state tensors, the
     * batch-norm running statistics ({@code batchnorm1.running_mean}, {@code batchnorm1.running_var}),
     * layer by layer.
     */
    static Map<String, Tensor> modelState(Sequential model) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            for (Parameter p : layer.parameters()) {
                put(tensors, p.name(), p.value());
            }
            for (Map.Entry<String, Tensor> e : layer.stateTensors().entrySet()) {
                put(tensors, layer.name() + "." + e.getKey(), e.getValue());
            }
        }
        return tensors;
    }

    /**
     * Fails, before anything is written, when a parameter or state tensor of {@code model} holds
     * a NaN or infinity, naming the layer (from 1), the tensor and the first such element: a
     * diverged model must not be saved as if it were trained.
     */
    static void checkFinite(Sequential model) {
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String where = "layer " + (i + 1) + " (" + layer.name() + ", " + layer.typeName() + ") ";
            String prefix = layer.name() + ".";
            for (Parameter p : layer.parameters()) {
                String name = p.name().startsWith(prefix) ? p.name().substring(prefix.length()) : p.name();
                checkFinite(where + name, p.value());
            }
            for (Map.Entry<String, Tensor> e : layer.stateTensors().entrySet()) {
                checkFinite(where + e.getKey(), e.getValue());
            }
        }
    }

    /** {@link #checkFinite(Sequential)} for other tensors, e.g. an optimizer's state; {@code what} prefixes the names. */
    static void checkFinite(String what, Map<String, Tensor> tensors) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            checkFinite(what + " " + e.getKey(), e.getValue());
        }
    }

    private static void checkFinite(String name, Tensor t) {
        double[] values = t.toDoubleArray(); // one read-back for a tensor on a device
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                double v = values[i * t.cols() + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + " has a non-finite value (" + v + ") at [" + i + ", "
                            + j + "]; not saved");
                }
            }
        }
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
