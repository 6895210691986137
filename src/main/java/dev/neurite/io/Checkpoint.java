package dev.neurite.io;

import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.optim.Optimizer;
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

/**
 * Saves and resumes a training run: the model (as {@link ModelIO} saves it), the optimizer's
 * settings, state tensors and step count, the epoch, and the state of the model's training
 * random source (dropout masks), so that resuming from a checkpoint continues bit-for-bit as the
 * uninterrupted run would have. A checkpoint directory holds:
 * <ul>
 *   <li>{@value ModelIO#MODEL_FILE} and {@value ModelIO#WEIGHTS_FILE}: the model and its metadata;</li>
 *   <li>{@value #OPTIMIZER_FILE}: the optimizer's state tensors, keyed as
 *       {@link Optimizer#state()} keys them ({@code dense1.weight.exp_avg}, ...);</li>
 *   <li>{@value #CHECKPOINT_FILE}: the epoch, step count, random state, optimizer type and
 *       settings, and the SHA-256 of the files above. It is replaced last.</li>
 * </ul>
 * Every file is replaced atomically (see {@link AtomicFiles}), and a load checks the hashes, so a
 * checkpoint is either read whole or refused with a {@link ModelFileException}.
 *
 * <p>The shuffling order of a data loader is not part of a checkpoint; seed it from the epoch
 * to make resumed epochs repeat it.
 */
public final class Checkpoint {

    /** The checkpoint description file. */
    public static final String CHECKPOINT_FILE = "checkpoint.json";
    /** The optimizer state file. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    /** The value of {@code "format"} in {@value #CHECKPOINT_FILE}. */
    public static final String FORMAT = "neurite-checkpoint";
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> KEYS = Set.of("format", "format_version", "library_version", "epoch",
            "step_count", "training_random_state", "optimizer", "optimizer_parameters", "files");

    private Checkpoint() {
    }

    /**
     * Saves a training state to {@code dir} (created if missing), replacing a checkpoint saved
     * there before.
     *
     * @param epoch the number of epochs completed
     * @throws IllegalArgumentException for a negative epoch, a layer or optimizer type
     *         checkpoints cannot hold, or a NaN or infinity in the model's parameters or
     *         running statistics or in the optimizer's state (naming the tensor); nothing is
     *         written then
     */
    public static void save(Path dir, Sequential model, Optimizer optimizer, int epoch, Metadata metadata)
            throws IOException {
        save(dir, model, optimizer, epoch, metadata, UnaryOperator.identity());
    }

    static void save(Path dir, Sequential model, Optimizer optimizer, int epoch, Metadata metadata,
                     UnaryOperator<WritableByteChannel> channels) throws IOException {
        if (epoch < 0) {
            throw new IllegalArgumentException("invalid epoch: " + epoch + " (must be >= 0)");
        }
        Map<String, Object> description = ModelIO.describe(model, metadata);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", (long) FORMAT_VERSION);
        json.put("library_version", ModelIO.libraryVersion());
        json.put("epoch", (long) epoch);
        json.put("step_count", optimizer.stepCount());
        json.put("training_random_state", model.trainingRandomState());
        json.put("optimizer", OptimizerCodec.describe(optimizer));
        json.put("optimizer_parameters", optimizer.parameters().stream().map(Parameter::name).toList());
        // before the first step no state exists; asking for it would allocate zero slots, which
        // changes what SGD's first step does
        Map<String, Tensor> state = optimizer.stepCount() > 0 ? optimizer.state() : Map.of();
        TensorFiles.checkFinite(model);
        TensorFiles.checkFinite("optimizer state", state);
        try (AtomicFiles files = new AtomicFiles(dir, channels)) {
            String modelHash = ModelIO.stage(files, model, description);
            String stateHash = files.stage(OPTIMIZER_FILE, out -> SafetensorsWriter.write(out, state,
                    Map.of("format", FORMAT)));
            Map<String, Object> hashes = new LinkedHashMap<>();
            hashes.put(ModelIO.MODEL_FILE, modelHash);
            hashes.put(OPTIMIZER_FILE, stateHash);
            json.put("files", hashes);
            files.stage(CHECKPOINT_FILE, JsonFile.content(json));
            files.commit();
        }
    }

    /**
     * Loads a checkpoint into a new model and a new optimizer (of the saved type and settings,
     * over the saved parameters).
     */
    public static LoadedCheckpoint load(Path dir) throws IOException {
        JsonFields json = readChecked(dir);
        LoadedModel loaded = ModelIO.load(dir);
        try {
            List<Parameter> params = parameters(json, loaded.model());
            Optimizer optimizer = OptimizerCodec.build(json.object("optimizer"), params);
            return finish(dir, json, loaded.model(), optimizer, loaded.metadata());
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /**
     * Restores a checkpoint into {@code model} (which must have the saved architecture) and
     * {@code optimizer} (of the saved type, over the same parameters). The optimizer's settings
     * are set to the saved ones, learning rate included, as PyTorch's {@code load_state_dict}
     * does.
     */
    public static LoadedCheckpoint restore(Path dir, Sequential model, Optimizer optimizer) throws IOException {
        JsonFields json = readChecked(dir);
        List<String> names = optimizer.parameters().stream().map(Parameter::name).toList();
        List<String> saved = parameters(json, model).stream().map(Parameter::name).toList();
        if (!names.equals(saved)) {
            throw new ModelFileException(json.file(), "the checkpoint's optimizer updates " + saved
                    + ", the optimizer " + names);
        }
        for (Parameter p : optimizer.parameters()) {
            if (!model.parameters().contains(p)) {
                throw new IllegalArgumentException("the optimizer updates " + p.name() + ", which is not a parameter of"
                        + " the model");
            }
        }
        JsonFields settings = json.object("optimizer");
        OptimizerCodec.configure(settings, optimizer);
        Metadata metadata = ModelIO.loadWeights(dir, model);
        return finish(dir, json, model, optimizer, metadata);
    }

    /** Reads {@value #CHECKPOINT_FILE} and checks the format and that the model file is the one saved with it. */
    private static JsonFields readChecked(Path dir) throws IOException {
        JsonFields json = JsonFile.read(dir.resolve(CHECKPOINT_FILE));
        if (!FORMAT.equals(json.map().get("format"))) {
            throw new ModelFileException(json.file(), "not a Neurite checkpoint (expected \"format\": \"" + FORMAT + "\")");
        }
        long version = json.integer("format_version");
        if (version != FORMAT_VERSION) {
            throw new ModelFileException(json.file(), "format version " + version + " is not supported (this Neurite, "
                    + ModelIO.libraryVersion() + ", reads version " + FORMAT_VERSION + ")");
        }
        json.onlyKeys(KEYS);
        JsonFields files = json.object("files");
        files.onlyKeys(Set.of(ModelIO.MODEL_FILE, OPTIMIZER_FILE));
        ModelIO.checkHash(dir.resolve(ModelIO.MODEL_FILE), files.string(ModelIO.MODEL_FILE), json.file());
        return json;
    }

    /** The model's parameters the checkpoint's optimizer updated, by name. */
    private static List<Parameter> parameters(JsonFields json, Sequential model) throws ModelFileException {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            byName.put(p.name(), p);
        }
        List<Parameter> out = new ArrayList<>();
        for (Object name : json.list("optimizer_parameters")) {
            Parameter p = name instanceof String s ? byName.get(s) : null;
            if (p == null) {
                throw new ModelFileException(json.file(), "optimizer_parameters names " + JsonFields.kind(name)
                        + ", which is not a parameter of the model " + byName.keySet());
            }
            out.add(p);
        }
        if (out.isEmpty()) {
            throw new ModelFileException(json.file(), "optimizer_parameters is empty");
        }
        return out;
    }

    /** Loads the optimizer state, step count and random state; the optimizer's settings are already restored. */
    private static LoadedCheckpoint finish(Path dir, JsonFields json, Sequential model, Optimizer optimizer,
                                           Metadata metadata) throws IOException {
        long epoch = json.integer("epoch");
        if (epoch < 0 || epoch > Integer.MAX_VALUE) {
            throw new ModelFileException(json.file(), "epoch must be a non-negative int, got " + epoch);
        }
        long steps = json.integer("step_count");
        if (steps < 0) {
            throw new ModelFileException(json.file(), "step_count must be >= 0, got " + steps);
        }
        long randomState = json.integer("training_random_state");
        if (randomState < 0 || randomState >= 1L << 48) {
            throw new ModelFileException(json.file(), "training_random_state must be a 48-bit value, got " + randomState);
        }
        Path statePath = dir.resolve(OPTIMIZER_FILE);
        SafetensorsFile stateFile = SafetensorsFile.open(statePath);
        Map<String, Tensor> state = steps > 0 ? optimizer.state() : Map.of();
        TensorFiles.check(stateFile, state, "the " + optimizer.getClass().getSimpleName() + " optimizer");
        ModelIO.checkHash(statePath, json.object("files").string(OPTIMIZER_FILE), json.file());
        TensorFiles.copy(stateFile, state);
        optimizer.setStepCount(steps);
        model.restoreTrainingRandomState(randomState);
        return new LoadedCheckpoint(model, optimizer, (int) epoch, metadata);
    }
}
