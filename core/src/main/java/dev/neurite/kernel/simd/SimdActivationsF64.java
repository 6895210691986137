package dev.neurite.kernel.simd;

import dev.neurite.kernel.Activation;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double activations, forward and backward. One small loop method per activation; the enum is
 * switched on outside the loops.
 */
final class SimdActivationsF64 {

    private static final VectorSpecies<Double> F = SimdConstants.DOUBLE_SPECIES;
    private static final int LANES = F.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdActivationsF64() {
    }

    private static DoubleVector load(MemorySegment s, long index) {
        return DoubleVector.fromMemorySegment(F, s, index << 3, ORDER);
    }

    private static DoubleVector load(MemorySegment s, long index, VectorMask<Double> m) {
        return DoubleVector.fromMemorySegment(F, s, index << 3, ORDER, m);
    }

    private static void copy(MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        // copy() handles the exact alias out == x (and any overlap) correctly
        MemorySegment.copy(x, xOff << 3, out, outOff << 3, n << 3);
    }

    static void forward(Activation f, double slope, MemorySegment y, long yOff,
                        MemorySegment x, long xOff, long n) {
        switch (f) {
            case IDENTITY -> copy(y, yOff, x, xOff, n);
            case RELU -> relu(y, yOff, x, xOff, n);
            case LEAKY_RELU -> leakyRelu(slope, y, yOff, x, xOff, n);
            case SIGMOID -> sigmoid(y, yOff, x, xOff, n);
            case TANH -> tanh(y, yOff, x, xOff, n);
        }
    }

    // x < 0 ? 0 : x keeps NaN (the comparison is false) and -0.0, as the reference does
    private static DoubleVector relu(DoubleVector v) {
        return v.blend(0.0, v.lt(0.0));
    }

    private static void relu(MemorySegment y, long yOff, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            relu(load(x, xOff + i)).intoMemorySegment(y, (yOff + i) << 3, ORDER);
        }
        if (i < n) {
            VectorMask<Double> m = F.indexInRange(i, n);
            relu(load(x, xOff + i, m)).intoMemorySegment(y, (yOff + i) << 3, ORDER, m);
        }
    }

    private static DoubleVector leakyRelu(DoubleVector v, double slope) {
        return v.blend(v.mul(slope), v.lt(0.0));
    }

    private static void leakyRelu(double slope, MemorySegment y, long yOff, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            leakyRelu(load(x, xOff + i), slope).intoMemorySegment(y, (yOff + i) << 3, ORDER);
        }
        if (i < n) {
            VectorMask<Double> m = F.indexInRange(i, n);
            leakyRelu(load(x, xOff + i, m), slope).intoMemorySegment(y, (yOff + i) << 3, ORDER, m);
        }
    }

    // exp(-x) overflows to +inf for x <= -89, giving 1 / inf = 0: no inf / inf anywhere
    private static DoubleVector sigmoid(DoubleVector v) {
        return DoubleVector.broadcast(F, 1.0).div(v.neg().lanewise(VectorOperators.EXP).add(1.0));
    }

    private static void sigmoid(MemorySegment y, long yOff, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            sigmoid(load(x, xOff + i)).intoMemorySegment(y, (yOff + i) << 3, ORDER);
        }
        if (i < n) {
            VectorMask<Double> m = F.indexInRange(i, n);
            sigmoid(load(x, xOff + i, m)).intoMemorySegment(y, (yOff + i) << 3, ORDER, m);
        }
    }

    private static void tanh(MemorySegment y, long yOff, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(x, xOff + i).lanewise(VectorOperators.TANH).intoMemorySegment(y, (yOff + i) << 3, ORDER);
        }
        if (i < n) {
            VectorMask<Double> m = F.indexInRange(i, n);
            load(x, xOff + i, m).lanewise(VectorOperators.TANH).intoMemorySegment(y, (yOff + i) << 3, ORDER, m);
        }
    }

    static void backward(Activation f, double slope, MemorySegment dX, long dXOff,
                         MemorySegment dY, long dYOff, MemorySegment y, long yOff, long n) {
        switch (f) {
            case IDENTITY -> copy(dX, dXOff, dY, dYOff, n);
            case RELU -> reluBackward(dX, dXOff, dY, dYOff, y, yOff, n);
            case LEAKY_RELU -> leakyReluBackward(slope, dX, dXOff, dY, dYOff, y, yOff, n);
            case SIGMOID -> sigmoidBackward(dX, dXOff, dY, dYOff, y, yOff, n);
            case TANH -> tanhBackward(dX, dXOff, dY, dYOff, y, yOff, n);
        }
    }

    // y > 0 ? dY : 0 (a NaN y gives 0, as in the reference)
    private static void reluBackward(MemorySegment dX, long dXOff, MemorySegment dY, long dYOff,
                                     MemorySegment y, long yOff, long n) {
        DoubleVector zero = DoubleVector.zero(F);
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            zero.blend(load(dY, dYOff + i), load(y, yOff + i).compare(VectorOperators.GT, 0.0))
                    .intoMemorySegment(dX, (dXOff + i) << 3, ORDER);
        }
        if (i < n) {
            VectorMask<Double> m = F.indexInRange(i, n);
            zero.blend(load(dY, dYOff + i, m), load(y, yOff + i, m).compare(VectorOperators.GT, 0.0))
                    .intoMemorySegment(dX, (dXOff + i) << 3, ORDER, m);
        }
    }

    private static void leakyReluBackward(double slope, MemorySegment dX, long dXOff, MemorySegment dY, long dYOff,
                                          MemorySegment y, long yOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector g = load(dY, dYOff + i);
            g.mul(slope).blend(g, load(y, yOff + i).compare(VectorOperators.GT, 0.0))
                    .intoMemorySegment(dX, (dXOff + i) << 3, ORDER);
        }
        if (i < n) {
            VectorMask<Double> m = F.indexInRange(i, n);
            DoubleVector g = load(dY, dYOff + i, m);
            g.mul(slope).blend(g, load(y, yOff + i, m).compare(VectorOperators.GT, 0.0))
                    .intoMemorySegment(dX, (dXOff + i) << 3, ORDER, m);
        }
    }

    // dY * y * (1 - y)
    private static void sigmoidBackward(MemorySegment dX, long dXOff, MemorySegment dY, long dYOff,
                                        MemorySegment y, long yOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector s = load(y, yOff + i);
            load(dY, dYOff + i).mul(s).mul(s.neg().add(1.0)).intoMemorySegment(dX, (dXOff + i) << 3, ORDER);
        }
        if (i < n) {
            VectorMask<Double> m = F.indexInRange(i, n);
            DoubleVector s = load(y, yOff + i, m);
            load(dY, dYOff + i, m).mul(s).mul(s.neg().add(1.0)).intoMemorySegment(dX, (dXOff + i) << 3, ORDER, m);
        }
    }

    // dY * (1 - y * y); the fused 1 - y * y avoids cancellation for |y| near 1
    private static DoubleVector oneMinusSquare(DoubleVector t) {
        return SimdKernels.FAST_FMA ? t.neg().fma(t, DoubleVector.broadcast(F, 1.0))
                : t.mul(t).neg().add(1.0);
    }

    private static void tanhBackward(MemorySegment dX, long dXOff, MemorySegment dY, long dYOff,
                                     MemorySegment y, long yOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(dY, dYOff + i).mul(oneMinusSquare(load(y, yOff + i))).intoMemorySegment(dX, (dXOff + i) << 3, ORDER);
        }
        if (i < n) {
            VectorMask<Double> m = F.indexInRange(i, n);
            load(dY, dYOff + i, m).mul(oneMinusSquare(load(y, yOff + i, m)))
                    .intoMemorySegment(dX, (dXOff + i) << 3, ORDER, m);
        }
    }
}
