package dev.neurite.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.nn.Parameter;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Optimizer state that decays below the smallest normal value becomes exactly +0 on every
 * backend, instead of a subnormal (the deliberate difference from IEEE gradual underflow
 * documented on {@link Optimizer}); state that stays normal is untouched by the rule.
 */
class OptimizerUnderflowTest {

    private static final List<String> BACKENDS = List.of("scalar", "simd", "blas", "opencl");

    @Test
    void decayingStateIsFlushedToZeroOnEveryBackend() {
        for (String backend : BACKENDS) {
            Ops ops = Ops.using(backend);
            ops.run(() -> {
                check(backend, "adam", p -> new Adam(p, 1e-3));
                check(backend, "adamw", p -> new AdamW(p, 1e-3));
                check(backend, "rmsprop momentum centered", p -> new RMSProp(p, 1e-3).momentum(0.9).centered(true));
                check(backend, "sgd momentum", p -> new SGD(p, 1e-3).momentum(0.9));
            });
        }
    }

    /**
     * With a zero gradient every state value decays by its factor (at most 0.999): 1.0001 times
     * the smallest normal float ends below it and must read 0; 10 times it stays normal.
     */
    private static void check(String backend, String name, Function<List<Parameter>, Optimizer> make) {
        try (Parameter p = new Parameter("w", DType.F32, 1, 40)) {
            p.value().fill(0.5);
            Optimizer opt = make.apply(List.of(p));
            opt.step(); // allocates the state (and leaves the first SGD step behind)
            Map<String, Tensor> state = opt.state();
            for (Tensor t : state.values()) {
                for (int j = 0; j < 40; j++) {
                    t.set(0, j, j % 2 == 0 ? Float.MIN_NORMAL * 1.0001f : Float.MIN_NORMAL * 10f);
                }
            }
            p.zeroGrad();
            opt.step();
            for (Map.Entry<String, Tensor> e : state.entrySet()) {
                for (int j = 0; j < 40; j++) {
                    float got = (float) e.getValue().get(0, j);
                    String at = backend + " " + name + " " + e.getKey() + "[" + j + "]";
                    if (j % 2 == 0) {
                        assertEquals(0, Float.floatToRawIntBits(got), at + " = " + got + ", not +0");
                    } else {
                        assertEquals(true, Math.abs(got) >= Float.MIN_NORMAL, at + " = " + got + " stays normal");
                    }
                }
            }
            opt.close();
        }
    }
}
