package dev.neurite.io;

import dev.neurite.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the tensor sizes a model file's layers claim against the weights file before any layer
 * is built: building allocates every tensor, so a damaged or hostile {@code model.json} claiming
 * a layer of billions of outputs would otherwise take seconds and gigabytes, or end in an
 * {@link OutOfMemoryError}, before the weights file refuted it. A tensor cannot hold more bytes
 * than the weights file has, nor can all of them together. Fields of the wrong type are left to
 * {@link LayerCodec}, which names them.
 */
final class ModelSizes {

    private record Claimed(String tensor, long rows, long cols) {
    }

    private ModelSizes() {
    }

    /** Fails, naming the layer, the tensor and both sizes, when {@code json}'s layers cannot fit in {@code weights}. */
    static void check(JsonFields json, DType dtype, Path weights) throws IOException {
        long fileSize;
        try {
            fileSize = Files.size(weights);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(weights, "no such file", e);
        }
        List<?> layers = json.list("layers");
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof Map<?, ?> layer)) {
                continue;
            }
            String where = "layers[" + i + "]";
            String name = layer.get("name") instanceof String s ? s : where;
            List<Claimed> tensors = new ArrayList<>();
            String claim = claims(layer, name, tensors);
            for (Claimed t : tensors) {
                for (long dim : new long[] {t.rows(), t.cols()}) {
                    if (dim > Integer.MAX_VALUE) {
                        throw new ModelFileException(json.file(), where + " claims " + claim + ": " + t.tensor()
                                + " would have a dimension of " + dim + ", more than the limit of " + Integer.MAX_VALUE);
                    }
                }
                long bytes = bytes(t, dtype);
                if (bytes > fileSize) {
                    throw new ModelFileException(json.file(), where + " claims " + claim + ": " + t.tensor()
                            + " would be " + t.rows() + "x" + t.cols() + " " + TensorFiles.dtypeName(dtype).toLowerCase(Locale.ROOT)
                            + " (" + human(bytes) + ") but " + weights.getFileName() + " holds " + human(fileSize));
                }
                total += bytes; // each <= fileSize, so no overflow for any realistic layer count
            }
            if (total > fileSize) {
                throw new ModelFileException(json.file(), "layers[0.." + i + "] would take " + human(total)
                        + " of tensors but " + weights.getFileName() + " holds " + human(fileSize));
            }
        }
    }

    /** Adds the tensors a layer description claims to {@code out}; returns the claim in words. */
    private static String claims(Map<?, ?> layer, String name, List<Claimed> out) {
        Object type = layer.get("type");
        if ("Dense".equals(type) && layer.get("in") instanceof Long in && layer.get("out") instanceof Long outs
                && in > 0 && outs > 0) {
            out.add(new Claimed(name + ".weight", in, outs));
            if (!Boolean.FALSE.equals(layer.get("bias"))) {
                out.add(new Claimed(name + ".bias", 1, outs));
            }
            return outs >= in ? outs + " outputs" : in + " inputs";
        }
        if (("BatchNorm".equals(type) || "LayerNorm".equals(type)) && layer.get("features") instanceof Long f && f > 0) {
            List<String> names = "BatchNorm".equals(type) ? List.of("gamma", "beta", "running_mean", "running_var")
                    : List.of("gamma", "beta");
            for (String n : names) {
                out.add(new Claimed(name + "." + n, 1, f));
            }
            return f + " features";
        }
        return "";
    }

    private static long bytes(Claimed t, DType dtype) {
        try {
            return Math.multiplyExact(Math.multiplyExact(t.rows(), t.cols()), (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A byte count exactly, and in decimal units from 1000 on: {@code 812 bytes}, {@code 9500000 bytes (9.5 MB)}. */
    static String exact(long bytes) {
        return bytes < 1000 ? bytes + " bytes" : bytes + " bytes (" + human(bytes) + ")";
    }

    /** A byte count in decimal units: {@code 812 bytes}, {@code 9.5 MB}, {@code 10.2 GB}. */
    static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = -1;
        while (v >= 999.95 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
