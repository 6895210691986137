package dev.neurite.kernel.simd;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.neurite.kernel.Activation;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bias add and activation, {@code out[i, j] = f(a[i, j] + bias[j])}, a row at a time: the
 * output of a dense layer is read and written once instead of twice. ReLU, the common case, is
 * one loop; the other activations add the bias to a row and apply the activation to it while it
 * is still in L1. Either way the result has the bits of the two separate kernels.
 */
final class SimdBiasActivationF32 {

    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;
    private static final int LANES = F.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdBiasActivationF32() {
    }

    static void rows(Activation f, float slope, MemorySegment out, long outOff, long ldOut,
                     MemorySegment a, long aOff, long lda, MemorySegment bias, long biasOff,
                     long rowFrom, long rowTo, int cols) {
        for (long i = rowFrom; i < rowTo; i++) {
            long o = outOff + i * ldOut;
            long x = aOff + i * lda;
            if (f == Activation.RELU) {
                reluRow(out, o, a, x, bias, biasOff, cols);
            } else {
                SimdElementwiseF32.add(out, o, a, x, bias, biasOff, cols);
                SimdActivationsF32.forward(f, slope, out, o, out, o, cols);
            }
        }
    }

    // s < 0 ? 0 : s keeps NaN and -0.0, as the reference does; the tail is scalar (rows are short)
    private static void reluRow(MemorySegment out, long o, MemorySegment a, long x, MemorySegment bias, long b,
                                int cols) {
        long bound = F.loopBound(cols);
        long j = 0;
        for (; j < bound; j += LANES) {
            FloatVector s = FloatVector.fromMemorySegment(F, a, (x + j) << 2, ORDER)
                    .add(FloatVector.fromMemorySegment(F, bias, (b + j) << 2, ORDER));
            s.blend(0f, s.lt(0f)).intoMemorySegment(out, (o + j) << 2, ORDER);
        }
        for (; j < cols; j++) {
            float s = a.getAtIndex(JAVA_FLOAT, x + j) + bias.getAtIndex(JAVA_FLOAT, b + j);
            out.setAtIndex(JAVA_FLOAT, o + j, s < 0 ? 0f : s);
        }
    }
}
