package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
import dev.neurite.tensor.Tensor;
import java.util.Random;

/**
 * The memory one layer uses in one execution context (the training loop, or one inference
 * thread): its output, its input gradient and whatever it keeps between forward and backward.
 * Each slot grows to the largest batch seen and is then reused, so steady-state training and
 * inference allocate nothing.
 */
public final class LayerBuffers implements AutoCloseable {

    /** Slot of the layer's output. */
    public static final int OUTPUT = 0;
    /** Slot of the gradient with respect to the layer's input. */
    public static final int D_INPUT = 1;
    /** First slot free for a layer's own use. */
    public static final int FIRST_FREE = 2;

    private static final int SLOTS = 8;

    private final Workspace workspace; // null for standalone buffers (losses)
    private final DType dtype;
    private final Device device; // standalone buffers; a model's follow its workspace
    private final Tensor[] full = new Tensor[SLOTS];
    private final Tensor[] view = new Tensor[SLOTS];
    private Tensor input;
    private Tensor inputTransposed; // view of input, kept while the same input comes back
    private Tensor output;

    LayerBuffers(Workspace workspace) {
        this.workspace = workspace;
        this.dtype = workspace.dtype();
        this.device = null;
    }

    /** Buffers outside any model, e.g. for a loss; always in training mode, without randomness. */
    public LayerBuffers(DType dtype) {
        this(dtype, Device.HOST);
    }

    /** As {@link #LayerBuffers(DType)}, with the tensors on {@code device}. */
    public LayerBuffers(DType dtype, Device device) {
        this.workspace = null;
        this.dtype = dtype;
        this.device = device;
    }

    /** Where the buffers are allocated: the model's device, or the one given. */
    public Device device() {
        return workspace == null ? device : workspace.device();
    }

    /**
     * A {@code rows x cols} tensor in {@code slot}: the same memory on every call with the same
     * width, with whatever was written there last. Growing the batch reallocates (contents lost).
     */
    public Tensor get(int slot, int rows, int cols) {
        Tensor v = view[slot];
        if (v != null && v.rows() == rows && v.cols() == cols) {
            return v;
        }
        Tensor f = full[slot];
        if (f == null || f.cols() != cols || f.rows() < rows) {
            if (f != null) {
                f.close();
            }
            f = Tensor.zeros(dtype, Math.max(rows, 1), cols, device());
            full[slot] = f;
        }
        v = f.rows() == rows ? f : f.rows(0, rows);
        view[slot] = v;
        return v;
    }

    /** The layer's output buffer for a batch of {@code rows}. */
    public Tensor output(int rows, int cols) {
        return get(OUTPUT, rows, cols);
    }

    /** The layer's input-gradient buffer for a batch of {@code rows}. */
    public Tensor dInput(int rows, int cols) {
        return get(D_INPUT, rows, cols);
    }

    /** Remembers the input of the last forward (backward of most layers needs it). */
    public void keepInput(Tensor x) {
        if (x != input) {
            inputTransposed = null;
        }
        this.input = x;
    }

    /** The transpose of {@link #input()}, a view made once per distinct input tensor. */
    public Tensor inputTransposed() {
        Tensor x = input();
        if (inputTransposed == null) {
            inputTransposed = x.transpose();
        }
        return inputTransposed;
    }

    /** The input of the last forward. */
    public Tensor input() {
        if (input == null) {
            throw new IllegalStateException("backward called before forward");
        }
        return input;
    }

    /** Remembers the output of the last forward, for layers whose backward needs it. */
    void keepOutput(Tensor y) {
        this.output = y;
    }

    /** The output of the last forward, as given to {@link #keepOutput}. */
    Tensor keptOutput() {
        if (output == null) {
            throw new IllegalStateException("backward called before forward");
        }
        return output;
    }

    /** True in training mode (dropout active, batch statistics in batch norm). */
    public boolean training() {
        return workspace == null || workspace.training();
    }

    /** The seeded random source of this context, for stochastic layers. */
    public Random random() {
        if (workspace == null) {
            throw new IllegalStateException("standalone buffers have no random source");
        }
        return workspace.random();
    }

    /** The element type of the model. */
    public DType dtype() {
        return dtype;
    }

    @Override
    public void close() {
        for (int i = 0; i < SLOTS; i++) {
            if (full[i] != null) {
                full[i].close();
                full[i] = null;
                view[i] = null;
            }
        }
        input = null;
        inputTransposed = null;
        output = null;
    }
}
