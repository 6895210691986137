package dev.neurite.nn;

import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.Locale;
import java.util.Map;

/**
 * Inverted dropout: in training mode each element is kept with probability {@code 1 - p} and
 * scaled by {@code 1 / (1 - p)}, otherwise zeroed, so the expected output equals the input and
 * evaluation needs no rescaling; in evaluation mode the layer is the identity. Shapes
 * {@code (N, d) -> (N, d)}.
 *
 * <p>The mask {@code M} (entries {@code 0} or {@code 1 / (1 - p)}) is kept for backward:
 * {@code Y = X * M}, {@code dX = dY * M}. Each training forward takes one number from the
 * context's seeded random source as the seed of {@link Ops#bernoulliMask}, whose counter-based
 * generator draws the same mask on the host and on a device.
 */
public final class Dropout extends Layer {

    private static final int MASK = LayerBuffers.FIRST_FREE;

    private final double p;

    /** Dropout with drop probability {@code p} in {@code [0, 1)}. */
    public Dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout p must be in [0, 1), got " + p);
        }
        this.p = p;
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    /** {@code p}. */
    @Override
    public Map<String, Object> config() {
        return Map.of("p", p());
    }

    @Override
    public String typeName() {
        return "Dropout";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Dropout(p=%s)", p);
    }

    @Override
    public int outputFeatures(int inputFeatures) {
        return inputFeatures;
    }

    @Override
    public Tensor forward(Tensor x, LayerBuffers buffers) {
        Tensor y = buffers.output(x.rows(), x.cols());
        if (!buffers.training()) {
            y.copyFrom(x);
            return y;
        }
        Tensor mask = buffers.get(MASK, x.rows(), x.cols());
        if (p == 0) {
            mask.fill(1);
        } else {
            // one draw from the seeded source per call; the mask itself comes from a
            // counter-based generator, the same on the host and on a device
            Ops.get().bernoulliMask(mask, buffers.random().nextLong(), 1 - p);
        }
        Ops.get().mul(y, x, mask);
        return y;
    }

    @Override
    public Tensor backward(Tensor dY, LayerBuffers buffers) {
        Tensor dX = buffers.dInput(dY.rows(), dY.cols());
        if (!buffers.training()) {
            dX.copyFrom(dY);
            return dX;
        }
        Ops.get().mul(dX, dY, buffers.get(MASK, dY.rows(), dY.cols()));
        return dX;
    }
}
