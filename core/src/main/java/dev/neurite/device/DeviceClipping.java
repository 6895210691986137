package dev.neurite.device;

import dev.neurite.kernel.opencl.ClType;
import dev.neurite.kernel.opencl.OpenClBuffer;
import dev.neurite.kernel.opencl.OpenClContext;
import dev.neurite.kernel.opencl.OpenClOps;
import dev.neurite.kernel.opencl.OpenClRowOps;
import dev.neurite.optim.GradientClipping;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Gradient clipping on the device, between backward and the optimizer's update, as
 * {@link GradientClipping} does on the host: by global L2 norm (each gradient's sum of squares on
 * the device, one read-back of those sums, the total and the coefficient on the host in double,
 * as the host sums them), then each element into {@code [-clipValue, clipValue]}.
 */
final class DeviceClipping implements AutoCloseable {

    private final OpenClOps ops;
    private final OpenClRowOps rowOps;
    private final List<OpenClBuffer> grads;
    private final long[] sizes;
    private final ClType type;
    private final double maxNorm;
    private final double clipValue;
    private final OpenClBuffer sums;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment hostSums;

    /** Clips to {@code maxNorm} (0: not by norm) and to {@code [-clipValue, clipValue]} (0: not by value). */
    DeviceClipping(OpenClContext context, ClType type, OpenClOps ops, OpenClRowOps rowOps, List<OpenClBuffer> grads,
                   long[] sizes, double maxNorm, double clipValue) {
        this.ops = ops;
        this.rowOps = rowOps;
        this.grads = grads;
        this.sizes = sizes;
        this.type = type;
        this.maxNorm = maxNorm;
        this.clipValue = clipValue;
        this.sums = maxNorm > 0 ? context.buffer(type, grads.size()) : null;
        this.hostSums = arena.allocate((long) type.bytes() * grads.size(), 8);
    }

    /** Clips every gradient in place; blocks for the norm's read-back when clipping by norm. */
    void apply() {
        if (maxNorm > 0) {
            for (int i = 0; i < grads.size(); i++) {
                rowOps.sumOfSquares(sums, i, grads.get(i), 0, sizes[i]);
            }
            sums.read(0, hostSums, 0, grads.size());
            double sumOfSquares = 0;
            for (int i = 0; i < grads.size(); i++) {
                sumOfSquares += type == ClType.FLOAT32 ? hostSums.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                        : hostSums.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
            }
            double coefficient = maxNorm / (Math.sqrt(sumOfSquares) + GradientClipping.NORM_EPS);
            if (!(coefficient >= 1)) {
                for (int i = 0; i < grads.size(); i++) {
                    ops.scale(grads.get(i), 0, coefficient, grads.get(i), 0, sizes[i]);
                }
            }
        }
        if (clipValue > 0) {
            for (int i = 0; i < grads.size(); i++) {
                ops.clamp(grads.get(i), 0, grads.get(i), 0, sizes[i], -clipValue, clipValue);
            }
        }
    }

    @Override
    public void close() {
        if (sums != null) {
            sums.close();
        }
        arena.close();
    }
}
