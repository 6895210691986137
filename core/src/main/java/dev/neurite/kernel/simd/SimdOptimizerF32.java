package dev.neurite.kernel.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float optimizer updates (SGD, RMSProp, Adam) and clamping, one pass over the parameter and its
 * state, which is flushed to zero below the smallest normal float as in the scalar reference. Each lane does the same operations in the same order as the scalar reference, without
 * fused multiply-add, so results are bit-identical to it. Every loop runs full vectors with the
 * update written out in the loop body, then one masked vector for the tail through a block
 * method with the same operations. (Calling a block method from the hot loop as well is not an
 * option: C2 compiles it separately first and then refuses to inline it, so every vector would
 * be boxed; for the same reason the effective gradient is written out in each loop.)
 */
final class SimdOptimizerF32 {

    private static final VectorSpecies<Float> F = SimdConstants.FLOAT_SPECIES;
    private static final int LANES = F.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);
    private static final FloatVector MINUS_ONE = FloatVector.broadcast(F, -1f);
    private static final FloatVector ZERO = FloatVector.zero(F);

    private SimdOptimizerF32() {
    }

    private static FloatVector load(MemorySegment s, long index) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER);
    }

    private static FloatVector load(MemorySegment s, long index, VectorMask<Float> m) {
        return FloatVector.fromMemorySegment(F, s, index << 2, ORDER, m);
    }

    private static void store(FloatVector v, MemorySegment s, long index, VectorMask<Float> m) {
        v.intoMemorySegment(s, index << 2, ORDER, m);
    }

    /** State below the smallest normal float becomes +0, as in the scalar reference's {@code flush}. */
    private static FloatVector flush(FloatVector x) {
        return x.blend(ZERO, x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
    }

    /** {@code Math.signum} lane-wise: +-1, and the input itself for +-0 and NaN. */
    private static FloatVector sign(FloatVector w) {
        return w.blend(ONE, w.compare(VectorOperators.GT, 0f)).blend(MINUS_ONE, w.compare(VectorOperators.LT, 0f));
    }

    private static FloatVector effectiveGradient(FloatVector g, FloatVector w, float weightDecay, float l1) {
        FloatVector d = g;
        if (weightDecay != 0f) {
            d = d.add(w.mul(weightDecay));
        }
        if (l1 != 0f) {
            d = d.add(sign(w).mul(l1));
        }
        return d;
    }

    // ---------------------------------------------------------------------------------------

    static void sgd(MemorySegment w, long wOff, MemorySegment buf, long bufOff, MemorySegment g, long gOff,
                    long n, float lr, float momentum, float dampening, boolean nesterov,
                    float weightDecay, float l1, boolean firstStep) {
        float keep = 1f - dampening;
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            FloatVector wv = load(w, wOff + i);
            FloatVector dir = load(g, gOff + i);
            if (weightDecay != 0f) {
                dir = dir.add(wv.mul(weightDecay));
            }
            if (l1 != 0f) {
                dir = dir.add(wv.blend(ONE, wv.compare(VectorOperators.GT, 0f))
                        .blend(MINUS_ONE, wv.compare(VectorOperators.LT, 0f)).mul(l1));
            }
            if (momentum != 0f) {
                FloatVector b = flush(firstStep ? dir : load(buf, bufOff + i).mul(momentum).add(dir.mul(keep)));
                b.intoMemorySegment(buf, (bufOff + i) << 2, ORDER);
                dir = nesterov ? dir.add(b.mul(momentum)) : b;
            }
            wv.sub(dir.mul(lr)).intoMemorySegment(w, (wOff + i) << 2, ORDER);
        }
        if (i < n) {
            sgdTail(w, wOff + i, buf, bufOff + i, g, gOff + i, F.indexInRange(i, n), lr, momentum, keep,
                    nesterov, weightDecay, l1, firstStep);
        }
    }

    private static void sgdTail(MemorySegment w, long wi, MemorySegment buf, long bi, MemorySegment g, long gi,
                                 VectorMask<Float> m, float lr, float momentum, float keep, boolean nesterov,
                                 float weightDecay, float l1, boolean firstStep) {
        FloatVector wv = load(w, wi, m);
        FloatVector dir = effectiveGradient(load(g, gi, m), wv, weightDecay, l1);
        if (momentum != 0f) {
            FloatVector b = flush(firstStep ? dir : load(buf, bi, m).mul(momentum).add(dir.mul(keep)));
            store(b, buf, bi, m);
            dir = nesterov ? dir.add(b.mul(momentum)) : b;
        }
        store(wv.sub(dir.mul(lr)), w, wi, m);
    }

    // ---------------------------------------------------------------------------------------

    static void rmsprop(MemorySegment w, long wOff, MemorySegment sq, long sqOff,
                        MemorySegment gAvg, long gAvgOff, MemorySegment buf, long bufOff,
                        MemorySegment g, long gOff, long n, float lr, float alpha, float eps,
                        float momentum, boolean centered, float weightDecay, float l1) {
        float rest = 1f - alpha;
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            FloatVector wv = load(w, wOff + i);
            FloatVector dir = load(g, gOff + i);
            if (weightDecay != 0f) {
                dir = dir.add(wv.mul(weightDecay));
            }
            if (l1 != 0f) {
                dir = dir.add(wv.blend(ONE, wv.compare(VectorOperators.GT, 0f))
                        .blend(MINUS_ONE, wv.compare(VectorOperators.LT, 0f)).mul(l1));
            }
            FloatVector s = flush(load(sq, sqOff + i).mul(alpha).add(dir.mul(rest).mul(dir)));
            s.intoMemorySegment(sq, (sqOff + i) << 2, ORDER);
            FloatVector avg;
            if (centered) {
                FloatVector ga = flush(load(gAvg, gAvgOff + i).mul(alpha).add(dir.mul(rest)));
                ga.intoMemorySegment(gAvg, (gAvgOff + i) << 2, ORDER);
                avg = s.sub(ga.mul(ga)).sqrt().add(eps);
            } else {
                avg = s.sqrt().add(eps);
            }
            if (momentum > 0f) {
                FloatVector b = flush(load(buf, bufOff + i).mul(momentum).add(dir.div(avg)));
                b.intoMemorySegment(buf, (bufOff + i) << 2, ORDER);
                wv.sub(b.mul(lr)).intoMemorySegment(w, (wOff + i) << 2, ORDER);
            } else {
                wv.sub(dir.div(avg).mul(lr)).intoMemorySegment(w, (wOff + i) << 2, ORDER);
            }
        }
        if (i < n) {
            rmspropTail(w, wOff + i, sq, sqOff + i, gAvg, gAvgOff + i, buf, bufOff + i, g, gOff + i,
                    F.indexInRange(i, n), lr, alpha, rest, eps, momentum, centered, weightDecay, l1);
        }
    }

    private static void rmspropTail(MemorySegment w, long wi, MemorySegment sq, long si,
                                     MemorySegment gAvg, long ai, MemorySegment buf, long bi,
                                     MemorySegment g, long gi, VectorMask<Float> m, float lr, float alpha,
                                     float rest, float eps, float momentum, boolean centered,
                                     float weightDecay, float l1) {
        FloatVector wv = load(w, wi, m);
        FloatVector dir = effectiveGradient(load(g, gi, m), wv, weightDecay, l1);
        FloatVector s = flush(load(sq, si, m).mul(alpha).add(dir.mul(rest).mul(dir)));
        store(s, sq, si, m);
        FloatVector avg;
        if (centered) {
            FloatVector ga = flush(load(gAvg, ai, m).mul(alpha).add(dir.mul(rest)));
            store(ga, gAvg, ai, m);
            avg = s.sub(ga.mul(ga)).sqrt().add(eps);
        } else {
            avg = s.sqrt().add(eps);
        }
        if (momentum > 0f) {
            FloatVector b = flush(load(buf, bi, m).mul(momentum).add(dir.div(avg)));
            store(b, buf, bi, m);
            store(wv.sub(b.mul(lr)), w, wi, m);
        } else {
            store(wv.sub(dir.div(avg).mul(lr)), w, wi, m);
        }
    }

    // ---------------------------------------------------------------------------------------

    static void adam(MemorySegment w, long wOff, MemorySegment mom, long mOff, MemorySegment v, long vOff,
                     MemorySegment g, long gOff, long n, float stepSize, float beta1, float beta2,
                     float eps, float biasCorrection2Sqrt, float weightDecay, float l1, float decay) {
        float rest1 = 1f - beta1;
        float rest2 = 1f - beta2;
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            FloatVector wv = load(w, wOff + i).mul(decay);
            FloatVector dir = load(g, gOff + i);
            if (weightDecay != 0f) {
                dir = dir.add(wv.mul(weightDecay));
            }
            if (l1 != 0f) {
                dir = dir.add(wv.blend(ONE, wv.compare(VectorOperators.GT, 0f))
                        .blend(MINUS_ONE, wv.compare(VectorOperators.LT, 0f)).mul(l1));
            }
            FloatVector mv = flush(load(mom, mOff + i).mul(beta1).add(dir.mul(rest1)));
            FloatVector vv = flush(load(v, vOff + i).mul(beta2).add(dir.mul(rest2).mul(dir)));
            mv.intoMemorySegment(mom, (mOff + i) << 2, ORDER);
            vv.intoMemorySegment(v, (vOff + i) << 2, ORDER);
            FloatVector denom = vv.sqrt().div(biasCorrection2Sqrt).add(eps);
            wv.sub(mv.div(denom).mul(stepSize)).intoMemorySegment(w, (wOff + i) << 2, ORDER);
        }
        if (i < n) {
            adamTail(w, wOff + i, mom, mOff + i, v, vOff + i, g, gOff + i, F.indexInRange(i, n), stepSize,
                    beta1, rest1, beta2, rest2, eps, biasCorrection2Sqrt, weightDecay, l1, decay);
        }
    }

    private static void adamTail(MemorySegment w, long wi, MemorySegment mom, long mi, MemorySegment v, long vi,
                                  MemorySegment g, long gi, VectorMask<Float> m, float stepSize,
                                  float beta1, float rest1, float beta2, float rest2, float eps,
                                  float biasCorrection2Sqrt, float weightDecay, float l1, float decay) {
        FloatVector wv = load(w, wi, m).mul(decay);
        FloatVector dir = effectiveGradient(load(g, gi, m), wv, weightDecay, l1);
        FloatVector mv = flush(load(mom, mi, m).mul(beta1).add(dir.mul(rest1)));
        FloatVector vv = flush(load(v, vi, m).mul(beta2).add(dir.mul(rest2).mul(dir)));
        store(mv, mom, mi, m);
        store(vv, v, vi, m);
        FloatVector denom = vv.sqrt().div(biasCorrection2Sqrt).add(eps);
        store(wv.sub(mv.div(denom).mul(stepSize)), w, wi, m);
    }

    // ---------------------------------------------------------------------------------------

    static void clamp(MemorySegment out, long outOff, MemorySegment x, long xOff, long n, float lo, float hi) {
        long bound = F.loopBound(n);
        long i = 0;
        for (; i < bound; i += LANES) {
            load(x, xOff + i).max(lo).min(hi).intoMemorySegment(out, (outOff + i) << 2, ORDER);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            store(load(x, xOff + i, m).max(lo).min(hi), out, outOff + i, m);
        }
    }
}
