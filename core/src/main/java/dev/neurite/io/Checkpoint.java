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
import java.util.regex.Pattern;

/**
 * Saves and resumes a training run: the model (as {@link ModelIO} saves it), the optimizer's
 * settings, state tensors and step count, the epoch, and the state of the model's training
 * random source (dropout masks), so that resuming from a checkpoint continues bit-for-bit as the
 * uninterrupted run would have. A checkpoint directory holds:
 * <ul>
 *   <li>{@value #CHECKPOINT_FILE}, the manifest: the epoch, step count, random state, optimizer
 *       type and settings, and the names and SHA-256 of the two files below
 *       ({@code "files": {name: sha256, ...}});</li>
 *   <li>{@code model-<hash>.json} and the weights file it names: the model and its metadata, in
 *       the format of {@value ModelIO#MODEL_FILE};</li>
 *   <li>{@code optimizer-<hash>.safetensors}: the optimizer's state tensors, keyed as
 *       {@link Optimizer#state()} keys them ({@code dense1.weight.exp_avg}, ...).</li>
 * </ul>
 * As for models, every file but the manifest gets a fresh name from its content, and replacing
 * {@value #CHECKPOINT_FILE} by an atomic rename is the single commit point (see
 * {@link AtomicFiles}): a process killed at any instant leaves the old checkpoint or the new
 * one, and the next save or load removes what the killed one left. A load checks the hashes, so
 * a checkpoint is either read whole or refused with a {@link ModelFileException}. Checkpoints of
 * earlier Neurite versions ({@value ModelIO#MODEL_FILE} and {@code optimizer.safetensors}) load
 * as before.
 *
 * <p>The shuffling order of a data loader is not part of a checkpoint; seed it from the epoch
 * to make resumed epochs repeat it.
 */
public final class Checkpoint {

    /** The checkpoint description file. */
    public static final String CHECKPOINT_FILE = "checkpoint.json";
    /** The value of {@code "format"} in {@value #CHECKPOINT_FILE}. */
    public static final String FORMAT = "neurite-checkpoint";
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> KEYS = Set.of("format", "format_version", "library_version", "epoch",
            "step_count", "training_random_state", "optimizer", "optimizer_parameters", "files");
    /** A plain file name in the checkpoint's folder: no separators, not hidden. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** The files a checkpoint's manifest names, with their SHA-256. */
    record FileNames(String model, String modelSha256, String optimizer, String optimizerSha256) {
    }

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
            AtomicFiles.Written model1 = ModelIO.stage(files, model, description, false);
            AtomicFiles.Written optimizerState = files.stageFresh("optimizer state", "optimizer", ".safetensors",
                    out -> SafetensorsWriter.write(out, state, Map.of("format", FORMAT)));
            Map<String, Object> hashes = new LinkedHashMap<>();
            hashes.put(model1.name(), model1.sha256());
            hashes.put(optimizerState.name(), optimizerState.sha256());
            json.put("files", hashes);
            files.stage("checkpoint", CHECKPOINT_FILE, JsonFile.content(json));
            files.commit();
        }
    }

    /**
     * Loads a checkpoint into a new model and a new optimizer (of the saved type and settings,
     * over the saved parameters).
     */
    public static LoadedCheckpoint load(Path dir) throws IOException {
        Leftovers.removeIfNoSave(dir);
        JsonFields json = readChecked(dir);
        LoadedModel loaded = ModelIO.load(dir, files(json).model());
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
        Leftovers.removeIfNoSave(dir);
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
        Metadata metadata = ModelIO.loadWeights(dir, files(json).model(), model);
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
        FileNames files = files(json);
        ModelIO.checkHash(dir.resolve(files.model()), files.modelSha256(), json.file());
        return json;
    }

    /**
     * The model manifest ({@code .json}) and optimizer state ({@code .safetensors}) that
     * {@code "files"} names, each with its SHA-256.
     */
    static FileNames files(JsonFields json) throws ModelFileException {
        JsonFields files = json.object("files");
        String model = null;
        String optimizer = null;
        for (String name : files.map().keySet()) {
            if (!FILE_NAME.matcher(name).matches()) {
                throw new ModelFileException(json.file(), "files names \"" + name + "\", which is not a file name in"
                        + " the checkpoint's folder");
            }
            if (name.endsWith(".json") && model == null) {
                model = name;
            } else if (name.endsWith(".safetensors") && optimizer == null) {
                optimizer = name;
            } else {
                throw new ModelFileException(json.file(), "files must name one model file (.json) and one optimizer"
                        + " state file (.safetensors), got " + files.map().keySet());
            }
        }
        if (model == null || optimizer == null) {
            throw new ModelFileException(json.file(), "files must name one model file (.json) and one optimizer"
                    + " state file (.safetensors), got " + files.map().keySet());
        }
        return new FileNames(model, files.string(model), optimizer, files.string(optimizer));
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
        FileNames files = files(json);
        Path statePath = dir.resolve(files.optimizer());
        SafetensorsFile stateFile = SafetensorsFile.open(statePath);
        Map<String, Tensor> state = steps > 0 ? optimizer.state() : Map.of();
        TensorFiles.check(stateFile, state, "the " + optimizer.getClass().getSimpleName() + " optimizer");
        ModelIO.checkHash(statePath, files.optimizerSha256(), json.file());
        TensorFiles.copy(stateFile, state);
        optimizer.setStepCount(steps);
        model.restoreTrainingRandomState(randomState);
        return new LoadedCheckpoint(model, optimizer, (int) epoch, metadata);
    }
}
