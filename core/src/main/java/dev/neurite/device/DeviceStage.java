package dev.neurite.device;

import dev.neurite.kernel.Activation;
import dev.neurite.kernel.opencl.ClType;
import dev.neurite.kernel.opencl.OpenClBuffer;
import dev.neurite.kernel.opencl.OpenClContext;
import dev.neurite.nn.Dense;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of the device plan: a dense layer ({@code Y = f(X W + b)}, the activation fused when
 * the model has one right after it) or a lone activation ({@code Y = f(X)}). Holds the device
 * buffers of its parameters, gradients, output and output gradient for up to {@code maxRows} rows.
 */
final class DeviceStage implements AutoCloseable {

    final Dense dense; // null for a lone activation
    final Activation activation; // null for none
    final double slope;
    final int in;
    final int out;
    final OpenClBuffer weight; // (in, out)
    final OpenClBuffer bias; // (1, out) or null
    final OpenClBuffer weightGrad;
    final OpenClBuffer biasGrad;
    /** Output {@code Y}, {@code (maxRows, out)}. */
    final OpenClBuffer output;
    /** Gradient of the loss by {@code Y}, {@code (maxRows, out)}; overwritten by the activation's backward. */
    final OpenClBuffer outputGrad;
    private final List<OpenClBuffer> owned = new ArrayList<>();

    DeviceStage(OpenClContext context, ClType type, Dense dense, Activation activation, double slope,
                int in, int out, int maxRows) {
        this.dense = dense;
        this.activation = activation;
        this.slope = slope;
        this.in = in;
        this.out = out;
        boolean withBias = dense != null && dense.hasBias();
        weight = dense == null ? null : own(context.buffer(type, (long) in * out));
        weightGrad = dense == null ? null : own(context.buffer(type, (long) in * out));
        bias = withBias ? own(context.buffer(type, out)) : null;
        biasGrad = withBias ? own(context.buffer(type, out)) : null;
        output = own(context.buffer(type, (long) maxRows * out));
        outputGrad = own(context.buffer(type, (long) maxRows * out));
    }

    private OpenClBuffer own(OpenClBuffer buffer) {
        owned.add(buffer);
        return buffer;
    }

    @Override
    public void close() {
        owned.forEach(OpenClBuffer::close);
        owned.clear();
    }
}
