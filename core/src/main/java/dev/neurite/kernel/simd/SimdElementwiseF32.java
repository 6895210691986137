package dev.neurite.kernel.simd;

import dev.neurite.kernel.BinaryOp;
import dev.neurite.kernel.UnaryOp;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float element-wise loops: axpy, scale, binary and unary operations. Each operation has its own
 * small loop method (full vectors, then one masked vector for the tail) so that every loop is
 * compiled by C2 with its operator as a constant; the enum is switched on once, outside the loop.
 */
final class SimdElementwiseF32 {

    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;
    private static final int LANES = F.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdElementwiseF32() {
    }

    private static FloatVector load(MemorySegment s, long index) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER);
    }

    private static FloatVector load(MemorySegment s, long index, VectorMask<Float> m) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER, m);
    }

    /** {@code a * b + c}, fused where the CPU has fast FMA (a constant, so C2 keeps one branch). */
    private static FloatVector mulAdd(FloatVector a, float b, FloatVector c) {
        return SimdKernels.FAST_FMA ? a.fma(FloatVector.broadcast(F, b), c) : a.mul(b).add(c);
    }

    static void axpy(MemorySegment y, long yOff, float alpha, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            mulAdd(load(x, xOff + i), alpha, load(y, yOff + i)).intoMemorySegment(y, (yOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            mulAdd(load(x, xOff + i, m), alpha, load(y, yOff + i, m))
                    .intoMemorySegment(y, (yOff + i) << 2, ORDER, m);
        }
    }

    static void scale(MemorySegment out, long outOff, float alpha, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(x, xOff + i).mul(alpha).intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            load(x, xOff + i, m).mul(alpha).intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    static void binary(BinaryOp op, MemorySegment out, long outOff,
                       MemorySegment a, long aOff, MemorySegment b, long bOff, long n) {
        switch (op) {
            case ADD -> add(out, outOff, a, aOff, b, bOff, n);
            case SUB -> sub(out, outOff, a, aOff, b, bOff, n);
            case MUL -> mul(out, outOff, a, aOff, b, bOff, n);
            case DIV -> div(out, outOff, a, aOff, b, bOff, n);
        }
    }

    /** {@code out[i] = op(a[i], s)}: one operand a scalar (a per-row statistic of a column broadcast). */
    static void binaryScalar(BinaryOp op, MemorySegment out, long outOff, MemorySegment a, long aOff, float s,
                             long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            withScalar(op, load(a, aOff + i), s).intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            withScalar(op, load(a, aOff + i, m), s).intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    private static FloatVector withScalar(BinaryOp op, FloatVector v, float s) {
        return switch (op) {
            case ADD -> v.add(s);
            case SUB -> v.sub(s);
            case MUL -> v.mul(s);
            case DIV -> v.div(s);
        };
    }

    static void add(MemorySegment out, long outOff, MemorySegment a, long aOff,
                            MemorySegment b, long bOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(a, aOff + i).add(load(b, bOff + i)).intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            load(a, aOff + i, m).add(load(b, bOff + i, m)).intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    private static void sub(MemorySegment out, long outOff, MemorySegment a, long aOff,
                            MemorySegment b, long bOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(a, aOff + i).sub(load(b, bOff + i)).intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            load(a, aOff + i, m).sub(load(b, bOff + i, m)).intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    private static void mul(MemorySegment out, long outOff, MemorySegment a, long aOff,
                            MemorySegment b, long bOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(a, aOff + i).mul(load(b, bOff + i)).intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            load(a, aOff + i, m).mul(load(b, bOff + i, m)).intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    private static void div(MemorySegment out, long outOff, MemorySegment a, long aOff,
                            MemorySegment b, long bOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(a, aOff + i).div(load(b, bOff + i)).intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            // masked-off lanes load 0/0; they are never stored
            load(a, aOff + i, m).div(load(b, bOff + i, m)).intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    static void unary(UnaryOp op, MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        switch (op) {
            case EXP -> exp(out, outOff, x, xOff, n);
            case LOG -> log(out, outOff, x, xOff, n);
            case SQRT -> sqrt(out, outOff, x, xOff, n);
            case NEG -> neg(out, outOff, x, xOff, n);
            case ABS -> abs(out, outOff, x, xOff, n);
        }
    }

    private static void exp(MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            SimdMathF32.exp(load(x, xOff + i)).intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            SimdMathF32.exp(load(x, xOff + i, m)).intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    private static void log(MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(x, xOff + i).lanewise(VectorOperators.LOG).intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            load(x, xOff + i, m).lanewise(VectorOperators.LOG).intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    private static void sqrt(MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(x, xOff + i).sqrt().intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            load(x, xOff + i, m).sqrt().intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    private static void neg(MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(x, xOff + i).neg().intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            load(x, xOff + i, m).neg().intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }

    private static void abs(MemorySegment out, long outOff, MemorySegment x, long xOff, long n) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(x, xOff + i).abs().intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            load(x, xOff + i, m).abs().intoMemorySegment(out, (outOff + i) << 2, ORDER, m);
        }
    }
}
