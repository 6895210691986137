package dev.neurite.optim;

import dev.neurite.nn.Config;
import dev.neurite.nn.Parameter;
import dev.neurite.tensor.Device;
import dev.neurite.tensor.Tensor;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Updates parameters from their accumulated gradients. Order of calls in a training step:
 * {@code zeroGrad()}, forward, loss, backward, optionally {@link GradientClipping}, {@code step()}.
 *
 * <p>Subclasses validate their hyper-parameters with the value in the message
 * ("invalid learning rate: -0.1") and keep their per-parameter state (momentum, moments) in
 * named slots: tensors of the parameter's dtype and shape, allocated zero-filled the first time
 * a step needs them, so that later steps allocate nothing.
 *
 * <p><b>L1 penalty.</b> Every optimizer takes {@link #l1(double)}: the update then uses the
 * gradient {@code grad + l1 * sign(w)} (with {@code sign(0) = 0}), the subgradient of
 * {@code l1 * sum |w|} added to the loss, applied where the optimizer applies its L2 weight
 * decay. PyTorch has no built-in equivalent; adding {@code l1 * torch.sign(p)} to
 * {@code p.grad} before {@code optimizer.step()} gives the same result. The gradient tensors
 * themselves are not modified.
 *
 * <p><b>State for checkpoints.</b> {@link #state()} returns the live state tensors keyed
 * {@code "<parameter name>.<slot>"} (for example {@code dense1.weight.exp_avg}) and
 * {@link #stepCount()} the number of steps taken. To restore, copy saved values into the
 * tensors of {@code state()} (which allocates the slots the current settings need) and call
 * {@link #setStepCount(long)}.
 *
 * <p><b>Underflow.</b> State values (momentum buffers, moments, averages) smaller in magnitude
 * than the smallest normal float (or double) are stored as zero, on every backend and device: a
 * deliberate difference from IEEE gradual underflow and from {@code torch.optim}, which keeps
 * them, so that state decaying towards zero never slows the update down (subnormal arithmetic
 * costs tens of times more). The difference in any update is below 1.2e-38 in float32.
 *
 * <p><b>Memory.</b> The state slots are off-heap tensors owned by the optimizer and attached to
 * their parameters: {@link #close()} frees them, and so does closing the model. A closed
 * optimizer refuses to step.
 */
public abstract class Optimizer implements AutoCloseable {

    private final List<Parameter> parameters;
    private final String[] stateNames;
    private final Map<String, Tensor[]> slots = new LinkedHashMap<>();
    private double learningRate;
    private double l1;
    private long stepCount;
    private boolean closed;

    protected Optimizer(List<Parameter> parameters, double learningRate) {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("an optimizer needs at least one parameter");
        }
        this.parameters = List.copyOf(parameters);
        this.stateNames = stateNames(this.parameters);
        setLearningRate(learningRate);
    }

    /** Parameter names for state keys; a repeated name gets {@code #index} appended. */
    private static String[] stateNames(List<Parameter> parameters) {
        String[] names = new String[parameters.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            String name = parameters.get(i).name();
            names[i] = seen.add(name) ? name : name + "#" + i;
        }
        return names;
    }

    /** The parameters this optimizer updates. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The current learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate (schedules call this between epochs). */
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("invalid learning rate: " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** The L1 penalty coefficient (0: none). */
    public double l1() {
        return l1;
    }

    /**
     * Sets the L1 penalty: the update uses {@code grad + l1 * sign(w)}. Subclasses return
     * themselves, for chaining.
     *
     * @throws IllegalArgumentException when {@code l1} is negative, infinite or NaN
     */
    public Optimizer l1(double l1) {
        this.l1 = Hyper.nonNegative("l1 penalty", l1);
        return this;
    }

    /** The type name checkpoints store and {@link OptimizerTypes} knows, e.g. {@code Adam}: the class's simple name. */
    public String typeName() {
        return getClass().getSimpleName();
    }

    /**
     * The settings besides the learning rate and the L1 penalty, by name, as JSON values
     * ({@link Long}, {@link Double}, {@link Boolean}, {@link String}): what a checkpoint stores,
     * and what {@link #loadConfig} sets back (the idea of PyTorch's parameter groups in
     * {@code state_dict}). None by default.
     */
    public Map<String, Object> config() {
        return Map.of();
    }

    /**
     * Sets every setting {@link #config()} names to the value in {@code config} (a checkpoint's),
     * as PyTorch's {@code load_state_dict} restores its parameter groups. Nothing to set by
     * default.
     *
     * @throws IllegalArgumentException for a missing key or a value the setter rejects
     */
    public void loadConfig(Config config) {
    }

    /** Clears the gradients of all parameters. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    /** Applies one update from the current gradients and counts it. */
    public final void step() {
        if (closed) {
            throw new IllegalStateException("step: the optimizer is closed");
        }
        stepCount++;
        update(stepCount);
    }

    /** The update of step {@code t} (1 for the first step). */
    protected abstract void update(long t);

    /** The number of steps taken (or restored with {@link #setStepCount}). */
    public long stepCount() {
        return stepCount;
    }

    /** Sets the step count, when restoring a checkpoint. */
    public void setStepCount(long stepCount) {
        if (stepCount < 0) {
            throw new IllegalArgumentException("invalid step count: " + stepCount);
        }
        this.stepCount = stepCount;
    }

    /** The state slots the current settings need, e.g. {@code exp_avg} and {@code exp_avg_sq}. */
    protected abstract List<String> stateSlots();

    /**
     * The state tensor {@code slot} (e.g. {@link Adam#EXP_AVG}) of parameter {@code index},
     * allocated zero-filled on first use; for code that keeps the state elsewhere for a while,
     * such as device-resident training, and copies it back.
     */
    public final Tensor stateTensor(String slot, int index) {
        return slot(slot, index);
    }

    /** Whether the slot has been allocated (by a step or by {@link #state()}). */
    protected final boolean hasSlot(String slot) {
        return slots.containsKey(slot);
    }

    /** The state tensor {@code slot} of parameter {@code index}, allocated zero-filled on first use. */
    protected final Tensor slot(String slot, int index) {
        if (closed) {
            throw new IllegalStateException("the optimizer is closed");
        }
        Tensor[] tensors = slots.get(slot);
        if (tensors == null) {
            tensors = new Tensor[parameters.size()];
            try {
                for (int i = 0; i < tensors.length; i++) {
                    Parameter p = parameters.get(i);
                    Tensor v = p.value();
                    tensors[i] = Tensor.zeros(v.dtype(), v.rows(), v.cols(), v.device()); // beside the parameter
                    p.attach(tensors[i]);
                }
            } catch (RuntimeException | Error e) {
                free(tensors);
                throw e;
            }
            slots.put(slot, tensors);
        }
        return tensors[index];
    }

    /**
     * The live state tensors, keyed {@code "<parameter name>.<slot>"}, in parameter order; slots
     * the current settings need are allocated first. Writing into them changes the optimizer's
     * state.
     */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String slot : stateSlots()) {
            slot(slot, 0);
        }
        for (int i = 0; i < parameters.size(); i++) {
            for (Map.Entry<String, Tensor[]> e : slots.entrySet()) {
                out.put(stateNames[i] + "." + e.getKey(), e.getValue()[i]);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Moves the state to {@code device}, to follow its parameters there ({@code Sequential.to});
     * state tensors are created beside their parameters, so an optimizer made after the move
     * needs no call. A move that fails part-way leaves every slot where it was.
     */
    public void to(Device device) {
        if (closed) {
            throw new IllegalStateException("to: the optimizer is closed");
        }
        Map<String, Tensor[]> moved = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor[]> e : slots.entrySet()) {
                Tensor[] copies = new Tensor[e.getValue().length];
                moved.put(e.getKey(), copies);
                for (int i = 0; i < copies.length; i++) {
                    copies[i] = e.getValue()[i].to(device);
                }
            }
        } catch (RuntimeException | Error e) {
            for (Tensor[] copies : moved.values()) {
                for (Tensor t : copies) {
                    if (t != null) {
                        t.close();
                    }
                }
            }
            throw e;
        }
        for (Map.Entry<String, Tensor[]> e : moved.entrySet()) {
            Tensor[] old = slots.get(e.getKey());
            for (int i = 0; i < old.length; i++) {
                parameters.get(i).attach(e.getValue()[i]);
            }
            free(old);
            slots.put(e.getKey(), e.getValue());
        }
    }

    /** Frees the state slots (also freed when the parameters' model closes). Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Tensor[] tensors : slots.values()) {
            free(tensors);
        }
        slots.clear();
    }

    private void free(Tensor[] tensors) {
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i] != null) {
                parameters.get(i).detach(tensors[i]);
                tensors[i].close();
            }
        }
    }
}
