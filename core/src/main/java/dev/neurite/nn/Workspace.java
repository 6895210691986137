package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
import java.util.Random;

/**
 * One execution context of a model: a {@link LayerBuffers} per layer, the mode, and a seeded
 * random source for stochastic layers. The training loop has one; every inference thread gets its
 * own, which is what makes concurrent prediction safe.
 */
public final class Workspace implements AutoCloseable {

    private final DType dtype;
    private final LayerBuffers[] layers;
    private final RestorableRandom random;
    private final long seed;
    private boolean training;
    private Device device = Device.HOST;

    Workspace(DType dtype, int layerCount, long seed, boolean training) {
        this.dtype = dtype;
        this.seed = seed;
        this.random = new RestorableRandom(seed);
        this.training = training;
        this.layers = new LayerBuffers[layerCount];
        for (int i = 0; i < layerCount; i++) {
            layers[i] = new LayerBuffers(this);
        }
    }

    LayerBuffers layer(int i) {
        return layers[i];
    }

    DType dtype() {
        return dtype;
    }

    Device device() {
        return device;
    }

    /** Frees the buffers, which the next calls allocate again on {@code device}. */
    void moveTo(Device device) {
        close();
        this.device = device;
    }

    boolean training() {
        return training;
    }

    void setTraining(boolean training) {
        this.training = training;
    }

    Random random() {
        return random;
    }

    /** The random source's state, for checkpoints. */
    long randomState() {
        return random.state();
    }

    /** Continues the random source from a state given by {@link #randomState()}. */
    void setRandomState(long state) {
        random.setState(state);
    }

    /** Restarts the random source, so stochastic layers repeat their draws (gradient checks). */
    void reseed() {
        random.setSeed(seed);
    }

    @Override
    public void close() {
        for (LayerBuffers b : layers) {
            b.close();
        }
    }
}
