package dev.neurite.device;

import dev.neurite.kernel.opencl.ClType;
import dev.neurite.kernel.opencl.OpenClBuffer;
import dev.neurite.kernel.opencl.OpenClContext;
import dev.neurite.kernel.opencl.OpenClOps;
import dev.neurite.optim.Adam;
import dev.neurite.optim.AdamW;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.RMSProp;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.DeviceCopies;
import java.util.ArrayList;
import java.util.List;

/**
 * The state and update of an {@link Optimizer} on the device. Hyper-parameters are read from the
 * host optimizer at every step, so learning-rate schedules keep working; the step count is kept
 * on the host optimizer too. State moves between host and device only when asked
 * ({@link #upload}, {@link #download}).
 */
final class DeviceOptimizer implements AutoCloseable {

    private final Optimizer optimizer;
    private final OpenClOps ops;
    private final List<OpenClBuffer> values;
    private final List<OpenClBuffer> grads;
    private final long[] sizes;
    private final List<String> slots;
    /** State buffers, {@code [slot][parameter]}. */
    private final OpenClBuffer[][] state;
    private boolean firstStep;

    DeviceOptimizer(OpenClContext context, ClType type, OpenClOps ops, Optimizer optimizer,
                    List<OpenClBuffer> values, List<OpenClBuffer> grads, long[] sizes) {
        this.optimizer = optimizer;
        this.ops = ops;
        this.values = values;
        this.grads = grads;
        this.sizes = sizes;
        this.slots = slotsOf(optimizer);
        this.state = new OpenClBuffer[slots.size()][values.size()];
        for (int s = 0; s < slots.size(); s++) {
            for (int i = 0; i < values.size(); i++) {
                state[s][i] = context.buffer(type, sizes[i]);
            }
        }
    }

    /** The gradient buffers, in the optimizer's parameter order. */
    List<OpenClBuffer> grads() {
        return grads;
    }

    /** The element count of each gradient. */
    long[] sizes() {
        return sizes;
    }

    /** The state slots the optimizer's settings use; throws for optimizers the device path lacks. */
    static List<String> slotsOf(Optimizer optimizer) {
        return switch (optimizer) {
            case SGD sgd -> sgd.momentum() != 0 ? List.of(SGD.MOMENTUM_BUFFER) : List.of();
            case Adam adam -> List.of(Adam.EXP_AVG, Adam.EXP_AVG_SQ);
            case AdamW adamW -> List.of(Adam.EXP_AVG, Adam.EXP_AVG_SQ);
            case RMSProp rms -> {
                List<String> list = new ArrayList<>(List.of(RMSProp.SQUARE_AVG));
                if (rms.centered()) {
                    list.add(RMSProp.GRAD_AVG);
                }
                if (rms.momentum() > 0) {
                    list.add(RMSProp.MOMENTUM_BUFFER);
                }
                yield List.copyOf(list);
            }
            default -> throw new IllegalArgumentException("the OpenCL device path supports the SGD, Adam, AdamW and "
                    + "RMSProp optimizers, not " + optimizer.getClass().getSimpleName());
        };
    }

    /** Host state to the device; a fresh optimizer (no step taken) starts from zeros. */
    void upload() {
        boolean fresh = optimizer.stepCount() == 0;
        for (int s = 0; s < slots.size(); s++) {
            for (int i = 0; i < values.size(); i++) {
                if (fresh) {
                    ops.fill(state[s][i], 0, sizes[i], 0);
                } else {
                    DeviceCopies.upload(optimizer.stateTensor(slots.get(s), i), state[s][i], 0);
                }
            }
        }
        // as on the host, a new SGD momentum buffer starts as the gradient
        firstStep = fresh;
    }

    /** Device state back into the host optimizer's state tensors, once a step has been taken. */
    void download() {
        if (optimizer.stepCount() == 0) {
            return;
        }
        for (int s = 0; s < slots.size(); s++) {
            for (int i = 0; i < values.size(); i++) {
                DeviceCopies.download(state[s][i], 0, optimizer.stateTensor(slots.get(s), i));
            }
        }
    }

    /** Enqueues one update of every parameter from its gradient and counts the step. */
    void step() {
        long t = optimizer.stepCount() + 1;
        optimizer.setStepCount(t);
        double lr = optimizer.learningRate();
        double l1 = optimizer.l1();
        for (int i = 0; i < values.size(); i++) {
            OpenClBuffer w = values.get(i);
            OpenClBuffer g = grads.get(i);
            long n = sizes[i];
            switch (optimizer) {
                case SGD o -> ops.sgdUpdate(w, 0, o.momentum() != 0 ? state[0][i] : g, 0, g, 0, n, lr, o.momentum(),
                        o.dampening(), o.nesterov(), o.weightDecay(), l1, firstStep);
                case Adam o -> adam(w, g, i, n, t, lr, o.beta1(), o.beta2(), o.eps(), o.weightDecay(), l1, 1);
                case AdamW o -> adam(w, g, i, n, t, lr, o.beta1(), o.beta2(), o.eps(), 0, l1, o.decayFactor());
                case RMSProp o -> {
                    OpenClBuffer sq = state[0][i];
                    OpenClBuffer gAvg = o.centered() ? state[1][i] : sq;
                    OpenClBuffer buf = o.momentum() > 0 ? state[slots.size() - 1][i] : sq;
                    ops.rmspropUpdate(w, 0, sq, 0, gAvg, 0, buf, 0, g, 0, n, lr, o.alpha(), o.eps(), o.momentum(),
                            o.centered(), o.weightDecay(), l1);
                }
                default -> throw new IllegalStateException("unsupported optimizer " + optimizer);
            }
        }
        firstStep = false;
    }

    private void adam(OpenClBuffer w, OpenClBuffer g, int i, long n, long t, double lr, double beta1, double beta2,
                      double eps, double l2, double l1, double decay) {
        ops.adamUpdate(w, 0, state[0][i], 0, state[1][i], 0, g, 0, n, Adam.stepSize(lr, beta1, t), beta1, beta2, eps,
                Adam.biasCorrection2Sqrt(beta2, t), l2, l1, decay);
    }

    @Override
    public void close() {
        for (OpenClBuffer[] row : state) {
            for (OpenClBuffer b : row) {
                b.close();
            }
        }
    }
}
