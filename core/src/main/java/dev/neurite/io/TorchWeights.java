package dev.neurite.io;

import dev.neurite.nn.BatchNorm;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Layer;
import dev.neurite.nn.LayerNorm;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A PyTorch {@code state_dict} saved as safetensors ({@code safetensors.torch.save_file(model.state_dict(), path)})
 * loaded into a Neurite model of the same architecture. PyTorch's modules with weights are
 * matched, in order, to the Neurite layers with weights: {@code nn.Linear} ({@code weight}
 * {@code [out, in]}, transposed into Dense's {@code (in, out)}, and {@code bias}) to Dense,
 * {@code nn.BatchNorm1d} ({@code weight}, {@code bias}, {@code running_mean}, {@code running_var};
 * {@code num_batches_tracked} is not needed) to BatchNorm, {@code nn.LayerNorm} to LayerNorm.
 * Modules are ordered by their numbers when their names are one stem and a number
 * ({@code 0, 1, ..., 10} as {@code nn.Sequential} numbers them; {@code fc1, fc2, ..., fc10});
 * other names say nothing of the order, and the caller passes it. Layers without weights
 * (activations, Dropout) need no counterpart. Values are converted to the model's dtype.
 *
 * <p>Everything is checked before any weight is written: the number of modules, each module's
 * tensors and each shape; an error names the PyTorch module and tensor and the Neurite layer, and
 * the model is left as it was.
 */
public final class TorchWeights {

    private TorchWeights() {
    }

    /**
     * Loads the state_dict in {@code file} into {@code model}.
     *
     * @throws ModelFileException when the file is not a safetensors file, or its modules, tensors
     *     or shapes do not match the model's layers
     */
    public static void load(Sequential model, Path file) throws IOException {
        load(model, file, null);
    }

    /**
     * Loads the state_dict in {@code file} into {@code model}, its modules taken in the order of
     * {@code modules} (their names, as in {@code model.named_modules()}): for modules whose names
     * do not number them in the order the network runs them.
     *
     * @throws ModelFileException when {@code modules} does not list the state_dict's modules, or
     *     they do not match the model's layers
     */
    public static void load(Sequential model, Path file, List<String> modules) throws IOException {
        SafetensorsFile st = SafetensorsFile.open(file, true);
        Map<String, Map<String, SafetensorsFile.Entry>> byName = new TreeMap<>(TorchWeights::naturalOrder);
        for (SafetensorsFile.Entry e : st.entries().values()) {
            int dot = e.name().lastIndexOf('.');
            String module = dot < 0 ? "" : e.name().substring(0, dot);
            byName.computeIfAbsent(module, k -> new LinkedHashMap<>()).put(e.name().substring(dot + 1), e);
        }
        load(model, file, st, ordered(file, byName, modules));
    }

    /**
     * The modules in the network's order: as given, or by their numbers when every name is one
     * stem and a number ({@code 0, 1, ...}, {@code net.0, net.2}, {@code fc1, fc2}); any other
     * names say nothing of the order, and guessing could put same-shaped weights in each other's
     * place without an error.
     */
    private static Map<String, Map<String, SafetensorsFile.Entry>> ordered(
            Path file, Map<String, Map<String, SafetensorsFile.Entry>> byName, List<String> modules)
            throws ModelFileException {
        if (modules == null) {
            java.util.Set<String> stems = new java.util.TreeSet<>();
            for (String name : byName.keySet()) {
                String stem = name.replaceFirst("[0-9]+$", "");
                if (stem.length() == name.length()) {
                    throw new ModelFileException(file, "the PyTorch modules " + byName.keySet() + " are not numbered, so "
                            + "their order in the network is unknown: pass it, TorchWeights.load(model, file, "
                            + "List.of(...))");
                }
                stems.add(stem);
            }
            if (stems.size() > 1) {
                throw new ModelFileException(file, "the PyTorch modules " + byName.keySet() + " are numbered in "
                        + "several series " + stems + ", so their order in the network is unknown: pass it, "
                        + "TorchWeights.load(model, file, List.of(...))");
            }
            return byName;
        }
        if (!new java.util.HashSet<>(modules).equals(byName.keySet()) || modules.size() != byName.size()) {
            throw new ModelFileException(file, "the order given " + modules + " does not list the state_dict's modules "
                    + byName.keySet() + " once each");
        }
        Map<String, Map<String, SafetensorsFile.Entry>> out = new LinkedHashMap<>();
        for (String m : modules) {
            out.put(m, byName.get(m));
        }
        return out;
    }

    private static void load(Sequential model, Path file, SafetensorsFile st,
                             Map<String, Map<String, SafetensorsFile.Entry>> modules) throws IOException {
        List<Layer> layers = model.layers().stream()
                .filter(l -> l instanceof Dense || l instanceof BatchNorm || l instanceof LayerNorm).toList();
        for (Layer l : model.layers()) {
            if (!layers.contains(l) && (!l.parameters().isEmpty() || !l.stateTensors().isEmpty())) {
                throw new ModelFileException(file, "layer " + l.name() + " (" + l.typeName()
                        + ") has weights, but no PyTorch module maps to it (Dense, BatchNorm and LayerNorm do)");
            }
        }
        if (modules.size() != layers.size()) {
            throw new ModelFileException(file, "the state_dict has " + modules.size() + " modules with weights "
                    + modules.keySet() + ", the model " + layers.size() + " layers with weights "
                    + layers.stream().map(Layer::name).toList());
        }
        // check every module against its layer first, then copy: a mismatch leaves the model as it was
        List<Copy> copies = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Map<String, SafetensorsFile.Entry>> m : modules.entrySet()) {
            Layer layer = layers.get(i++);
            Module module = new Module(st, file, m.getKey(), m.getValue(), layer);
            switch (layer) {
                case Dense d -> {
                    module.expect(d.bias() != null ? Set.of("weight", "bias") : Set.of("weight"), Set.of());
                    copies.add(module.copy("weight", d.weight().value().transpose(), true));
                    if (d.bias() != null) {
                        copies.add(module.copy("bias", d.bias().value(), false));
                    }
                }
                case BatchNorm b -> {
                    module.expect(Set.of("weight", "bias", "running_mean", "running_var"), Set.of("num_batches_tracked"));
                    copies.add(module.copy("weight", b.gamma().value(), false));
                    copies.add(module.copy("bias", b.beta().value(), false));
                    copies.add(module.copy("running_mean", b.runningMean(), false));
                    copies.add(module.copy("running_var", b.runningVar(), false));
                }
                case LayerNorm n -> {
                    module.expect(Set.of("weight", "bias"), Set.of());
                    copies.add(module.copy("weight", n.gamma().value(), false));
                    copies.add(module.copy("bias", n.beta().value(), false));
                }
                default -> throw new AssertionError(layer);
            }
        }
        for (Copy copy : copies) {
            copy.run();
        }
    }

    /** A checked copy of one tensor, run once every module has passed its checks. */
    @FunctionalInterface
    private interface Copy {
        void run() throws IOException;
    }

    /** One PyTorch module's tensors, checked against one Neurite layer. */
    private record Module(SafetensorsFile st, Path file, String name, Map<String, SafetensorsFile.Entry> tensors,
                          Layer layer) {

        void expect(Set<String> required, Set<String> optional) throws ModelFileException {
            for (String t : tensors.keySet()) {
                if (!required.contains(t) && !optional.contains(t)) {
                    throw mismatch("has a tensor " + t + " that " + layer.typeName() + " does not hold; it needs "
                            + required);
                }
            }
            for (String t : required) {
                if (!tensors.containsKey(t)) {
                    throw mismatch("has no " + t + "; " + layer.typeName() + " needs " + required);
                }
            }
        }

        /**
         * A copy of tensor {@code t} into {@code into}, a matrix or a vector as PyTorch stores it,
         * its shape and dtype checked now.
         */
        Copy copy(String t, Tensor into, boolean matrix) throws ModelFileException {
            SafetensorsFile.Entry e = tensors.get(t);
            long[] expected = matrix ? new long[] {into.rows(), into.cols()} : new long[] {into.size()};
            if (!Arrays.equals(e.shape(), expected)) {
                throw mismatch("has " + t + " of shape " + e.shapeText() + ", the layer needs " + Arrays.toString(expected));
            }
            if (e.dtype() == null) {
                throw mismatch("has " + t + " of dtype " + e.dtypeName() + "; Neurite reads F32 and F64 "
                        + "(convert the state_dict with .float() before saving)");
            }
            return () -> st.read(e.name(), into);
        }

        private ModelFileException mismatch(String problem) {
            return new ModelFileException(file, "PyTorch module '" + name + "' " + problem + " (layer " + layer.name()
                    + ", " + layer.describe() + ")");
        }
    }

    /** Module names in order: dotted parts compared as numbers where both are numbers. */
    static int naturalOrder(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c = Comparator.<String>naturalOrder().compare(pa[i], pb[i]);
            if (c == 0) {
                continue;
            }
            String[] sa = splitDigits(pa[i]);
            String[] sb = splitDigits(pb[i]);
            if (sa[0].equals(sb[0]) && !sa[1].isEmpty() && !sb[1].isEmpty()) {
                int byNumber = new java.math.BigInteger(sa[1]).compareTo(new java.math.BigInteger(sb[1]));
                if (byNumber != 0) {
                    return byNumber;
                }
            }
            return c;
        }
        return Integer.compare(pa.length, pb.length);
    }

    /** {@code fc12} as {@code [fc, 12]}; a part without trailing digits as {@code [part, ""]}. */
    private static String[] splitDigits(String part) {
        int k = part.length();
        while (k > 0 && Character.isDigit(part.charAt(k - 1))) {
            k--;
        }
        return new String[] {part.substring(0, k), part.substring(k)};
    }
}
