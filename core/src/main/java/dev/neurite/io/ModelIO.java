package dev.neurite.io;

import dev.neurite.nn.Layer;
import dev.neurite.nn.Sequential;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Saves a {@link Sequential} model to a directory and loads it back.
 *
 * <p>A saved model is a directory of two files:
 * <ul>
 *   <li>{@value #MODEL_FILE}, the manifest: the format and library versions, dtype, input
 *       features, seed, the layers with their constructor arguments (see {@link LayerCodec}),
 *       the weights file's name, SHA-256 and CRC-32C ({@code "weights": {"file": ..., "sha256": ...,
 *       "crc32c": ...}}; a load checks the CRC, which a cold process computes 25 times faster, and
 *       the SHA-256 of files saved before the CRC was recorded),
 *       the free-form metadata and the preprocessing state.</li>
 *   <li>the weights file it names, {@code model-<first 16 hex digits of its SHA-256>.safetensors}
 *       ({@link #weightsFile} finds it): every parameter ({@code dense1.weight},
 *       {@code dense1.bias}, ...) and the batch-norm running statistics
 *       ({@code batchnorm1.running_mean}, {@code batchnorm1.running_var}) in the safetensors
 *       format, with the model's dtype and 2-D shapes (a dense weight is {@code [in, out]}, a
 *       bias {@code [1, out]}); Python opens it with the {@code safetensors} package or by
 *       hand. Models saved by earlier Neurite versions keep their weights in
 *       {@value #LEGACY_WEIGHTS_FILE}, which is also what a manifest without
 *       {@code weights.file} means; they load as before.</li>
 * </ul>
 *
 * <p>Saving replaces the model in one atomic step: the weights go to a file with a fresh name,
 * written and forced to the device first; then {@value #MODEL_FILE} is replaced by an atomic
 * rename, the single commit point; then the folder is forced and the previous weights file
 * deleted (see {@link AtomicFiles}). Naming the weights by content rather than replacing a
 * fixed-name file is what makes one rename enough: until the manifest is renamed, nothing a
 * reader opens has changed, and after it, the manifest names only complete files. A process
 * killed at any instant so leaves the old model or the new one, never a mix (the SHA-256 would
 * refuse a mix, but then neither model would load). What a killed save leaves behind
 * (temporaries, weights no manifest names) is deleted by the next save, and by the next load
 * when no save is running (a lock file, {@code .neurite.lock}, tells). A failed save leaves
 * the previous model intact. A model holding a NaN or infinity (a diverged one) is refused
 * before anything is written. Files get the permissions the umask gives.
 *
 * <p>Loading checks everything and fails with a {@link ModelFileException} naming the file and
 * the problem; the sizes the layers claim are checked against the weights file before any
 * tensor is allocated. A loaded model predicts bit-for-bit what the saved one did.
 */
public final class ModelIO {

    /** The manifest: architecture, metadata, and the name and hash of the weights file. */
    public static final String MODEL_FILE = "model.json";
    /** The weights file of models saved by earlier Neurite versions, read when {@value #MODEL_FILE} names no other. */
    public static final String LEGACY_WEIGHTS_FILE = "model.safetensors";
    /** The value of {@code "format"} in {@value #MODEL_FILE}. */
    public static final String FORMAT = "neurite-model";
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> MODEL_KEYS = Set.of("format", "format_version", "library_version", "dtype",
            "input_features", "output_features", "seed", "layers", "weights", "metadata", "preprocessing");
    /** A plain file name in the model's folder: no separators, not hidden. */
    static final Pattern WEIGHTS_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\.safetensors");

    private ModelIO() {
    }

    /**
     * Saves {@code model} and {@code metadata} to {@code dir} (created if missing), replacing a
     * model saved there before in one atomic step.
     *
     * @throws IllegalArgumentException when the model has a layer type model files cannot hold, or
     *         a parameter or batch-norm running statistic that is NaN or infinite (a diverged
     *         model), naming the layer, the tensor and the element; nothing is written then
     * @throws IOException when writing fails (the previous model is left as it was), or another
     *         save to {@code dir} is running
     */
    public static void save(Sequential model, Path dir, Metadata metadata) throws IOException {
        save(model, dir, metadata, UnaryOperator.identity());
    }

    /** {@link #save} writing through {@code channels} (tests inject failures with it). */
    static void save(Sequential model, Path dir, Metadata metadata, UnaryOperator<WritableByteChannel> channels)
            throws IOException {
        Map<String, Object> description = describe(model, metadata); // fails before touching the disk
        TensorFiles.checkFinite(model);
        try (AtomicFiles files = new AtomicFiles(dir, channels)) {
            stage(files, model, description, true);
            files.commit();
        }
    }

    /**
     * The weights file of the model saved in {@code dir}, as {@value #MODEL_FILE} names it (e.g.
     * {@code model-0123456789abcdef.safetensors}); the file to open in PyTorch.
     *
     * @throws ModelFileException when {@value #MODEL_FILE} is missing or unreadable
     */
    public static Path weightsFile(Path dir) throws IOException {
        return dir.resolve(weightsFileName(JsonFile.read(dir.resolve(MODEL_FILE))));
    }

    /** The weights file's name in a manifest; {@value #LEGACY_WEIGHTS_FILE} when it names none. */
    static String weightsFileName(JsonFields json) throws ModelFileException {
        if (!json.has("weights")) {
            return LEGACY_WEIGHTS_FILE;
        }
        JsonFields weights = json.object("weights");
        if (!weights.has("file")) {
            return LEGACY_WEIGHTS_FILE;
        }
        String name = weights.string("file");
        if (!WEIGHTS_NAME.matcher(name).matches()) {
            throw new ModelFileException(json.file(), weights.path("file") + " must name a .safetensors file in the"
                    + " model's folder, got \"" + name + "\"");
        }
        return name;
    }

    /**
     * Stages the weights under a fresh name, then the manifest that names them: as
     * {@value #MODEL_FILE} when {@code fixedName} (the commit point of a model save), else under
     * a fresh name too (a checkpoint's manifest commits the checkpoint). Returns the manifest.
     */
    static AtomicFiles.Written stage(AtomicFiles files, Sequential model, Map<String, Object> description,
                                     boolean fixedName) throws IOException {
        AtomicFiles.Written saved = files.stageFresh("weights", "model", ".safetensors", out -> SafetensorsWriter.write(
                out, TensorFiles.modelState(model), Map.of("format", FORMAT)));
        Map<String, Object> json = new LinkedHashMap<>(description);
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("file", saved.name());
        weights.put("sha256", saved.sha256());
        weights.put("crc32c", saved.crc32c());
        json.put("weights", weights);
        json.put("metadata", json.remove("metadata")); // metadata last: it may be long
        json.put("preprocessing", json.remove("preprocessing"));
        return fixedName ? files.stage("manifest", MODEL_FILE, JsonFile.content(json))
                : files.stageFresh("manifest", "model", ".json", JsonFile.content(json));
    }

    /** The content of {@value #MODEL_FILE} without the weights entry. */
    static Map<String, Object> describe(Sequential model, Metadata metadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", (long) FORMAT_VERSION);
        json.put("library_version", libraryVersion());
        json.put("dtype", TensorFiles.dtypeName(model.dtype()));
        json.put("input_features", (long) model.inputFeatures());
        json.put("output_features", (long) model.outputFeatures());
        json.put("seed", model.seed());
        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            layers.add(LayerCodec.describe(layer));
        }
        json.put("layers", layers);
        json.put("metadata", metadata.values());
        Map<String, Object> pre = new LinkedHashMap<>();
        metadata.preprocessingState().forEach((name, values) -> pre.put(name, toList(values)));
        json.put("preprocessing", pre);
        return json;
    }

    private static List<Object> toList(double[] values) {
        List<Object> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    /** The library version from the jar manifest; {@code development} when run from classes. */
    static String libraryVersion() {
        String v = ModelIO.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /**
     * Loads the model saved in {@code dir}: rebuilds the layers, reads the weights and the
     * batch-norm statistics, and returns them with the metadata. The model starts in training
     * mode, as a new one does ({@code predict} always evaluates).
     *
     * @throws ModelFileException naming the file and what is wrong with it
     */
    public static LoadedModel load(Path dir) throws IOException {
        JsonFields json = Leftovers.removeIfNoSave(dir); // the manifest it read, parsed once
        return load(dir, json != null ? json : JsonFile.read(dir.resolve(MODEL_FILE)));
    }

    /** {@link #load} from the manifest {@code manifest} in {@code dir}, leaving leftovers alone. */
    static LoadedModel load(Path dir, String manifest) throws IOException {
        return load(dir, JsonFile.read(dir.resolve(manifest)));
    }

    private static LoadedModel load(Path dir, JsonFields json) throws IOException {
        Path jsonPath = json.file();
        checkHeader(json);
        DType dtype = dtype(json);
        int inputs = json.positiveInt("input_features");
        List<?> layerList = json.list("layers");
        if (layerList.isEmpty()) {
            throw new ModelFileException(jsonPath, "layers is empty; a model has at least one layer");
        }
        ModelSizes.check(json, dtype, dir.resolve(weightsFileName(json))); // before building allocates
        Layer[] layers = new Layer[layerList.size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = LayerCodec.build(jsonPath, "layers[" + i + "]", layerList.get(i));
        }
        Sequential model;
        try {
            model = Sequential.withoutInit(inputs, dtype, json.integer("seed"), layers); // the weights come next
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(jsonPath, "the layers do not fit together: " + e.getMessage(), e);
        }
        try {
            checkNamesAndOutput(json, model);
            Metadata metadata = metadata(json);
            loadWeights(dir, json, model);
            return new LoadedModel(model, metadata);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Loads the weights saved in {@code dir} into {@code model}, which must have the saved
     * architecture (same dtype, input features and layers with the same arguments), and returns
     * the saved metadata. Nothing in the model changes unless everything checks out.
     *
     * @throws ModelFileException when the files are damaged or describe another architecture
     */
    public static Metadata loadWeights(Path dir, Sequential model) throws IOException {
        Leftovers.removeIfNoSave(dir);
        return loadWeights(dir, MODEL_FILE, model);
    }

    /** {@link #loadWeights(Path, Sequential)} from the manifest {@code manifest}, leaving leftovers alone. */
    static Metadata loadWeights(Path dir, String manifest, Sequential model) throws IOException {
        JsonFields json = JsonFile.read(dir.resolve(manifest));
        checkHeader(json);
        ModelSizes.check(json, dtype(json), dir.resolve(weightsFileName(json)));
        checkArchitecture(json, model);
        Metadata metadata = metadata(json);
        loadWeights(dir, json, model);
        return metadata;
    }

    private static void checkHeader(JsonFields json) throws ModelFileException {
        Path file = json.file();
        if (!json.has("format") || !FORMAT.equals(json.map().get("format"))) {
            throw new ModelFileException(file, "not a Neurite model file (expected \"format\": \"" + FORMAT + "\")");
        }
        long version = json.integer("format_version");
        if (version != FORMAT_VERSION) {
            throw new ModelFileException(file, "format version " + version + " is not supported (this Neurite, "
                    + libraryVersion() + ", reads version " + FORMAT_VERSION + ")");
        }
        json.onlyKeys(MODEL_KEYS);
    }

    private static DType dtype(JsonFields json) throws ModelFileException {
        String name = json.string("dtype");
        return switch (name) {
            case "F32" -> DType.F32;
            case "F64" -> DType.F64;
            default -> throw new ModelFileException(json.file(), "dtype \"" + name + "\" is not F32 or F64");
        };
    }

    private static void checkNamesAndOutput(JsonFields json, Sequential model) throws ModelFileException {
        List<?> layerList = json.list("layers");
        for (int i = 0; i < layerList.size(); i++) {
            JsonFields layer = JsonFields.of(json.file(), "layers[" + i + "]", layerList.get(i));
            String name = layer.string("name");
            if (!name.equals(model.layers().get(i).name())) {
                throw new ModelFileException(json.file(), "layers[" + i + "].name is \"" + name
                        + "\", but a model with these layers names it \"" + model.layers().get(i).name() + "\"");
            }
        }
        long outputs = json.positiveInt("output_features");
        if (outputs != model.outputFeatures()) {
            throw new ModelFileException(json.file(), "output_features is " + outputs + ", but the layers give "
                    + model.outputFeatures());
        }
    }

    /** Fails unless the file describes {@code model}'s architecture, naming the first difference. */
    static void checkArchitecture(JsonFields json, Sequential model) throws ModelFileException {
        Path file = json.file();
        DType dtype = dtype(json);
        if (dtype != model.dtype()) {
            throw new ModelFileException(file, "the saved model is " + TensorFiles.dtypeName(dtype)
                    + ", the model is " + TensorFiles.dtypeName(model.dtype()));
        }
        int inputs = json.positiveInt("input_features");
        if (inputs != model.inputFeatures()) {
            throw new ModelFileException(file, "the saved model takes " + inputs + " input features, the model "
                    + model.inputFeatures());
        }
        List<?> saved = json.list("layers");
        List<Layer> layers = model.layers();
        if (saved.size() != layers.size()) {
            throw new ModelFileException(file, "another architecture: the saved model has " + saved.size()
                    + " layers, the model " + layers.size());
        }
        for (int i = 0; i < saved.size(); i++) {
            Map<String, Object> want = LayerCodec.describe(layers.get(i));
            Map<String, Object> have = new LinkedHashMap<>(LayerCodec.describe(
                    LayerCodec.build(file, "layers[" + i + "]", saved.get(i))));
            have.put("name", want.get("name")); // a fresh layer has no name yet
            if (!have.equals(want)) {
                throw new ModelFileException(file, "another architecture: layer " + i + " is " + text(have)
                        + " in the file, " + text(want) + " in the model");
            }
        }
        checkNamesAndOutput(json, model);
    }

    /** A layer description as {@code Dense(in=64, out=10, bias=true)}. */
    private static String text(Map<String, Object> layer) {
        StringBuilder sb = new StringBuilder().append(layer.get("type")).append('(');
        String sep = "";
        for (Map.Entry<String, Object> e : layer.entrySet()) {
            if (!e.getKey().equals("name") && !e.getKey().equals("type")) {
                sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
        }
        return sb.append(')').toString();
    }

    private static Metadata metadata(JsonFields json) throws ModelFileException {
        Map<String, Object> values = json.object("metadata").map();
        JsonFields pre = json.object("preprocessing");
        Map<String, double[]> state = new LinkedHashMap<>();
        for (String name : pre.map().keySet()) {
            List<?> list = pre.list(name);
            double[] values2 = new double[list.size()];
            for (int i = 0; i < values2.length; i++) {
                Object v = list.get(i);
                if (v instanceof Double d) {
                    values2[i] = d;
                } else if (v instanceof Long l) {
                    values2[i] = l;
                } else {
                    throw new ModelFileException(json.file(), pre.path(name) + "[" + i + "] must be a number, got "
                            + JsonFields.kind(v));
                }
            }
            state.put(name, values2);
        }
        Metadata metadata = Metadata.of(values, state);
        try {
            metadata.classNames(); // the one key the library itself reads back
        } catch (IllegalStateException e) {
            throw new ModelFileException(json.file(), e.getMessage(), e);
        }
        return metadata;
    }

    /** Checks the weights file against the model and the hash recorded in {@code json}, then loads it. */
    private static void loadWeights(Path dir, JsonFields json, Sequential model) throws IOException {
        JsonFields weights = json.object("weights");
        weights.onlyKeys(Set.of("file", "sha256", "crc32c"));
        Path weightsPath = dir.resolve(weightsFileName(json));
        SafetensorsFile file = SafetensorsFile.open(weightsPath);
        Map<String, Tensor> state = TensorFiles.modelState(model);
        TensorFiles.check(file, state, "the architecture"); // first: names the tensor that does not fit
        if (weights.has("crc32c")) {
            checkCrc(weightsPath, weights.string("crc32c"), json.file());
        } else {
            checkHash(weightsPath, weights.string("sha256"), json.file()); // saved before crc32c was recorded
        }
        TensorFiles.copy(file, state);
    }

    /** Fails when {@code file}'s CRC-32C is not the one {@code recordedIn} recorded at the save. */
    static void checkCrc(Path file, String expected, Path recordedIn) throws IOException {
        checkSum(file, "CRC-32C", expected, AtomicFiles.crc32c(file), recordedIn);
    }

    /** Fails when {@code file} is not the one {@code recordedIn} was saved with. */
    static void checkHash(Path file, String expected, Path recordedIn) throws IOException {
        checkSum(file, "SHA-256", expected, AtomicFiles.sha256(file), recordedIn);
    }

    private static void checkSum(Path file, String kind, String expected, String actual, Path recordedIn)
            throws ModelFileException {
        if (!actual.equals(expected)) {
            throw new ModelFileException(file, "content does not match the " + kind + " recorded in "
                    + recordedIn.getFileName() + " (the files come from different saves, or this one was changed or"
                    + " damaged): expected " + expected + ", got " + actual);
        }
    }
}
