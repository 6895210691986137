package dev.neurite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Parameter;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Optimizer state for checkpoints, the float32 path, and the validation of the fused update ops. */
class OptimizerStateTest {

    /** Allowed relative difference of a float32 run from the float64 run of the same steps. */
    private static final double F32_REL_TOL = 1e-4;

    private static final int ROWS = 37;
    private static final int COLS = 19;

    private static List<Parameter> parameters(DType dtype, long seed) {
        Random r = new Random(seed);
        List<Parameter> ps = new ArrayList<>();
        for (String name : new String[] {"dense1.weight", "dense1.bias"}) {
            Parameter p = new Parameter(name, dtype, name.endsWith("bias") ? 1 : ROWS, COLS);
            double[] v = new double[(int) p.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian();
            }
            p.value().copyFrom(v);
            ps.add(p);
        }
        return ps;
    }

    /** grad = w^3 - w / 2 + 0.1: a gradient that depends on the weights, elementwise. */
    private static void gradients(List<Parameter> ps) {
        for (Parameter p : ps) {
            Tensor w = p.value();
            for (int i = 0; i < w.rows(); i++) {
                for (int j = 0; j < w.cols(); j++) {
                    double x = w.get(i, j);
                    p.grad().set(i, j, x * x * x - x / 2 + 0.1);
                }
            }
        }
    }

    private static void run(Optimizer opt, int steps) {
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            gradients(opt.parameters());
            opt.step();
        }
    }

    private static List<Function<List<Parameter>, Optimizer>> optimizers() {
        return List.of(
                p -> new SGD(p, 0.01).momentum(0.9).dampening(0.1),
                p -> new SGD(p, 0.01).momentum(0.9).nesterov(true).weightDecay(1e-3).l1(1e-3),
                p -> new RMSProp(p, 0.01).momentum(0.5).centered(true).l1(1e-3),
                p -> new Adam(p, 0.01).weightDecay(0.01),
                p -> new AdamW(p, 0.01).l1(1e-3));
    }

    @Test
    void stateIsKeyedByParameterAndSlot() {
        List<Parameter> ps = parameters(DType.F64, 1);
        Adam adam = new Adam(ps, 0.01);
        Map<String, Tensor> state = adam.state();
        assertEquals(List.of("dense1.weight.exp_avg", "dense1.weight.exp_avg_sq", "dense1.bias.exp_avg",
                "dense1.bias.exp_avg_sq"), List.copyOf(state.keySet()));
        assertEquals(ROWS, state.get("dense1.weight.exp_avg").rows());
        assertEquals(DType.F64, state.get("dense1.bias.exp_avg_sq").dtype());
        assertEquals(0, adam.stepCount());
        assertTrue(new SGD(ps, 0.1).state().isEmpty(), "plain SGD has no state");
        assertEquals(List.of("dense1.weight.momentum_buffer", "dense1.bias.momentum_buffer"),
                List.copyOf(new SGD(ps, 0.1).momentum(0.5).state().keySet()));
    }

    @Test
    void restoringStateContinuesTheSameTrajectory() {
        for (Function<List<Parameter>, Optimizer> make : optimizers()) {
            List<Parameter> original = parameters(DType.F64, 2);
            Optimizer first = make.apply(original);
            run(first, 4);
            // checkpoint: parameter values, state, step count
            List<double[]> savedValues = original.stream().map(p -> p.value().toDoubleArray()).toList();
            Map<String, double[]> savedState = new java.util.LinkedHashMap<>();
            first.state().forEach((k, t) -> savedState.put(k, t.toDoubleArray()));
            long savedSteps = first.stepCount();
            run(first, 5);

            List<Parameter> restored = parameters(DType.F64, 99);
            for (int i = 0; i < restored.size(); i++) {
                restored.get(i).value().copyFrom(savedValues.get(i));
            }
            Optimizer second = make.apply(restored);
            Map<String, Tensor> state = second.state();
            assertEquals(savedState.keySet(), state.keySet(), first.getClass().getSimpleName() + " state keys");
            savedState.forEach((k, v) -> state.get(k).copyFrom(v));
            second.setStepCount(savedSteps);
            run(second, 5);
            for (int i = 0; i < original.size(); i++) {
                assertArrayEquals(original.get(i).value().toDoubleArray(), restored.get(i).value().toDoubleArray(),
                        first.getClass().getSimpleName() + " " + original.get(i).name());
            }
            assertEquals(9, second.stepCount());
        }
    }

    @Test
    void float32FollowsFloat64() {
        for (Function<List<Parameter>, Optimizer> make : optimizers()) {
            List<Parameter> p64 = parameters(DType.F64, 3);
            List<Parameter> p32 = parameters(DType.F32, 3);
            Optimizer o64 = make.apply(p64);
            Optimizer o32 = make.apply(p32);
            run(o64, 10);
            run(o32, 10);
            for (int i = 0; i < p64.size(); i++) {
                double[] want = p64.get(i).value().toDoubleArray();
                double[] got = p32.get(i).value().toDoubleArray();
                for (int j = 0; j < want.length; j++) {
                    double tol = F32_REL_TOL * Math.max(1, Math.abs(want[j]));
                    assertEquals(want[j], got[j], tol, o64.getClass().getSimpleName() + " element " + j);
                }
            }
        }
    }

    @Test
    void clippingByNormScalesOnlyAboveTheLimit() {
        List<Parameter> ps = parameters(DType.F32, 4);
        gradients(ps);
        double before = Math.sqrt(ps.stream().mapToDouble(p -> Ops.get().sumOfSquares(p.grad())).sum());
        assertEquals(before, GradientClipping.clipByGlobalNorm(ps, before * 2), 1e-3 * before);
        double unchanged = Math.sqrt(ps.stream().mapToDouble(p -> Ops.get().sumOfSquares(p.grad())).sum());
        assertEquals(before, unchanged, 1e-4 * before, "no clipping below the limit");
        GradientClipping.clipByGlobalNorm(ps, 1.5);
        double after = Math.sqrt(ps.stream().mapToDouble(p -> Ops.get().sumOfSquares(p.grad())).sum());
        assertEquals(1.5, after, 1e-4);
    }

    @Test
    void fusedUpdatesValidateTheirTensors() {
        Ops ops = Ops.get();
        try (Tensor w = Tensor.zeros(DType.F32, 4, 3); Tensor g = Tensor.zeros(DType.F32, 4, 3);
             Tensor m = Tensor.zeros(DType.F32, 4, 3); Tensor v = Tensor.zeros(DType.F32, 3, 4);
             Tensor d = Tensor.zeros(DType.F64, 4, 3); Tensor square = Tensor.zeros(DType.F32, 3, 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ops.adamUpdate(w, g, m, v, 0.1, 0.9, 0.999, 1e-8, 1, 0, 0, 1));
            assertTrue(e.getMessage().contains("adamUpdate") && e.getMessage().contains("3x4"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> ops.sgdUpdate(w, d, null, 0.1, 0, 0, false, 0, 0, false));
            assertTrue(e.getMessage().contains("dtypes differ"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> ops.sgdUpdate(w, g, null, 0.1, 0.9, 0, false, 0, 0, false));
            assertTrue(e.getMessage().contains("momentum buffer"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> ops.adamUpdate(w, g, m, m, 0.1, 0.9, 0.999, 1e-8, 1, 0, 0, 1));
            assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> ops.rmspropUpdate(square, square.transpose(), square.copy(), null, null,
                            0.1, 0.9, 1e-8, 0, 0, 0));
            assertTrue(e.getMessage().contains("contiguous") || e.getMessage().contains("overlaps"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ops.clamp(w, w, 1, -1));
            assertTrue(e.getMessage().contains("lo 1.0, hi -1.0"), e.getMessage());
        }
    }
}
