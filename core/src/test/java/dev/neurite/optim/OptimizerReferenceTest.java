package dev.neurite.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Parameter;
import dev.neurite.optim.schedule.CosineAnnealingLR;
import dev.neurite.optim.schedule.ExponentialLR;
import dev.neurite.optim.schedule.LRScheduler;
import dev.neurite.optim.schedule.ReduceLROnPlateau;
import dev.neurite.optim.schedule.StepLR;
import dev.neurite.tensor.DType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Runs every optimizer, clipping mode and schedule on the problem of
 * {@code src/test/resources/optim/make_reference.py} and compares each value with the one
 * PyTorch computed ({@code reference.csv}).
 */
class OptimizerReferenceTest {

    /** Allowed relative difference from PyTorch's float64 values. */
    private static final double REL_TOL = 1e-6;
    /** Absolute floor of the tolerance, for values near zero. */
    private static final double ABS_TOL = 1e-12;

    // the problem of make_reference.py
    private static final int STEPS = 10;
    private static final double QUARTIC = 0.1;
    private static final double[][] W0 = {{0.5, -0.3}, {0.8, 0.1}, {-0.6, 0.4}};
    private static final double[] B0 = {0.05, -0.02};
    private static final double[][] X = {{1.0, 2.0, -1.0}, {0.5, -1.5, 2.0}, {-2.0, 0.3, 0.7}, {1.2, 0.8, -0.4}};
    private static final double[][] Y = {{0.3, -1.0}, {1.5, 0.2}, {-0.7, 0.9}, {0.1, 0.4}};
    private static final double LR0 = 0.1;
    private static final double[] PLATEAU_METRICS = {1.0, 0.9, 0.95, 0.9, 0.91, 0.92, 0.85, 0.86, 0.87, 0.87,
        0.87, 0.8, 0.9, 0.9, 0.9, 0.85, 0.85, 0.8, 0.9, 0.9, 0.95, 0.9, 0.9, 0.9, 0.9};

    /** An optimizer case: how to build it, its L1 penalty and clipping. */
    private record Case(Function<List<Parameter>, Optimizer> factory, double l1, String clip, double clipAt) {
        static Case of(Function<List<Parameter>, Optimizer> factory) {
            return new Case(factory, 0, null, 0);
        }
    }

    private static Map<String, Case> cases() {
        Map<String, Case> c = new LinkedHashMap<>();
        c.put("sgd", Case.of(p -> new SGD(p, 0.1)));
        c.put("sgd_momentum", Case.of(p -> new SGD(p, 0.05).momentum(0.9)));
        c.put("sgd_dampening", Case.of(p -> new SGD(p, 0.05).momentum(0.8).dampening(0.3)));
        c.put("sgd_nesterov", Case.of(p -> new SGD(p, 0.05).momentum(0.9).nesterov(true)));
        c.put("sgd_weight_decay", Case.of(p -> new SGD(p, 0.1).weightDecay(0.2)));
        c.put("sgd_l1", new Case(p -> new SGD(p, 0.1).momentum(0.5).weightDecay(0.05), 0.03, null, 0));
        c.put("sgd_clip_norm", new Case(p -> new SGD(p, 0.1).momentum(0.9), 0, "norm", 0.5));
        c.put("sgd_clip_value", new Case(p -> new SGD(p, 0.1), 0, "value", 0.2));
        c.put("rmsprop", Case.of(p -> new RMSProp(p, 0.01)));
        c.put("rmsprop_momentum", Case.of(p -> new RMSProp(p, 0.01).momentum(0.9)));
        c.put("rmsprop_centered", Case.of(p -> new RMSProp(p, 0.01).alpha(0.9).eps(1e-6).momentum(0.5)
                .centered(true).weightDecay(0.1)));
        c.put("adam", Case.of(p -> new Adam(p, 0.1)));
        c.put("adam_weight_decay", Case.of(p -> new Adam(p, 0.1).weightDecay(0.1)));
        c.put("adam_betas", Case.of(p -> new Adam(p, 0.05).betas(0.8, 0.9).eps(1e-4)));
        c.put("adam_l1", new Case(p -> new Adam(p, 0.1), 0.05, null, 0));
        c.put("adam_clip_value", new Case(p -> new Adam(p, 0.1), 0, "value", 0.1));
        c.put("adamw", Case.of(p -> new AdamW(p, 0.1).weightDecay(0.1)));
        c.put("adamw_default", Case.of(p -> new AdamW(p, 0.1)));
        c.put("adamw_clip_norm", new Case(p -> new AdamW(p, 0.1).weightDecay(0.1), 0.02, "norm", 1.0));
        return c;
    }

    private static Map<String, LRScheduler> schedules(Optimizer opt, String name) {
        return Map.of(name, switch (name) {
            case "step_lr" -> new StepLR(opt, 4, 0.5);
            case "exponential_lr" -> new ExponentialLR(opt, 0.8);
            case "exponential_lr_step3" -> new ExponentialLR(opt, 0.5, 3);
            case "cosine_lr" -> new CosineAnnealingLR(opt, 10, 0.001);
            case "plateau_default" -> new ReduceLROnPlateau(opt);
            case "plateau" -> new ReduceLROnPlateau(opt).factor(0.5).patience(2).threshold(0.01).cooldown(1)
                    .minLr(0.02);
            case "plateau_max_abs" -> new ReduceLROnPlateau(opt).mode(ReduceLROnPlateau.Mode.MAX).factor(0.3)
                    .patience(1).threshold(0.02).thresholdMode(ReduceLROnPlateau.ThresholdMode.ABS);
            default -> throw new AssertionError("unknown schedule in reference.csv: " + name);
        });
    }

    /** The reference lines: kind -> case -> values per step (index = step), each a row of numbers. */
    private static Map<String, Map<String, List<double[]>>> reference() throws IOException {
        Map<String, Map<String, List<double[]>>> out = new LinkedHashMap<>();
        try (InputStream in = OptimizerReferenceTest.class.getResourceAsStream("/optim/reference.csv")) {
            assertTrue(in != null, "optim/reference.csv is missing");
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split(",");
                List<double[]> rows = out.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                        .computeIfAbsent(f[1], k -> new ArrayList<>());
                int step = Integer.parseInt(f[2]);
                double[] values = new double[f.length - 3];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(f[i + 3]);
                }
                while (rows.size() <= step) {
                    rows.add(null);
                }
                rows.set(step, values);
            }
        }
        return out;
    }

    private static void assertNear(String what, double want, double got) {
        double tol = Math.max(REL_TOL * Math.abs(want), ABS_TOL);
        assertTrue(Math.abs(got - want) <= tol, what + ": PyTorch " + want + ", Neurite " + got
                + " (difference " + Math.abs(got - want) + " > " + tol + ")");
    }

    /** Sets W.grad and b.grad to the gradient of the loss at the current W and b. */
    private static void computeGradients(Parameter w, Parameter b) {
        int n = X.length;
        double[][] r = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                double v = b.value().get(0, j) - Y[i][j];
                for (int p = 0; p < 3; p++) {
                    v += X[i][p] * w.value().get(p, j);
                }
                r[i][j] = v;
            }
        }
        for (int p = 0; p < 3; p++) {
            for (int j = 0; j < 2; j++) {
                double g = 0;
                for (int i = 0; i < n; i++) {
                    g += X[i][p] * r[i][j];
                }
                double wv = w.value().get(p, j);
                w.grad().set(p, j, g / n + QUARTIC * wv * wv * wv);
            }
        }
        for (int j = 0; j < 2; j++) {
            double g = 0;
            for (int i = 0; i < n; i++) {
                g += r[i][j];
            }
            b.grad().set(0, j, g / n);
        }
    }

    private static double[] values(Parameter w, Parameter b) {
        double[] out = new double[8];
        double[] wv = w.value().toDoubleArray();
        System.arraycopy(wv, 0, out, 0, 6);
        out[6] = b.value().get(0, 0);
        out[7] = b.value().get(0, 1);
        return out;
    }

    @Test
    void optimizersMatchPyTorchStepByStep() throws IOException {
        Map<String, Map<String, List<double[]>>> ref = reference();
        Map<String, List<double[]>> params = ref.get("param");
        Map<String, List<double[]>> norms = ref.getOrDefault("norm", Map.of());
        Map<String, Case> cases = cases();
        assertEquals(cases.keySet(), params.keySet(), "cases of reference.csv");
        for (Map.Entry<String, Case> e : cases.entrySet()) {
            String name = e.getKey();
            Case c = e.getValue();
            List<double[]> want = params.get(name);
            assertEquals(STEPS + 1, want.size(), name + ": reference steps");
            try (Parameter w = new Parameter("w", DType.F64, 3, 2); Parameter b = new Parameter("b", DType.F64, 1, 2)) {
                w.value().copyFrom(new double[] {W0[0][0], W0[0][1], W0[1][0], W0[1][1], W0[2][0], W0[2][1]});
                b.value().copyFrom(B0);
                List<Parameter> ps = List.of(w, b);
                Optimizer opt = c.factory().apply(ps);
                if (c.l1() != 0) {
                    opt.l1(c.l1());
                }
                for (int step = 0; step <= STEPS; step++) {
                    if (step > 0) {
                        opt.zeroGrad();
                        computeGradients(w, b);
                        if ("norm".equals(c.clip())) {
                            double norm = GradientClipping.clipByGlobalNorm(ps, c.clipAt());
                            assertNear(name + " gradient norm at step " + step, norms.get(name).get(step)[0], norm);
                        } else if ("value".equals(c.clip())) {
                            GradientClipping.clipByValue(ps, c.clipAt());
                        }
                        opt.step();
                    }
                    double[] got = values(w, b);
                    double[] expected = want.get(step);
                    for (int i = 0; i < got.length; i++) {
                        assertNear(name + " step " + step + " value " + i, expected[i], got[i]);
                    }
                }
                assertEquals(STEPS, opt.stepCount(), name + ": step count");
            }
        }
    }

    @Test
    void schedulesMatchPyTorchEpochByEpoch() throws IOException {
        Map<String, List<double[]>> lrs = reference().get("lr");
        assertFalse(lrs.isEmpty(), "no schedules in reference.csv");
        for (Map.Entry<String, List<double[]>> e : lrs.entrySet()) {
            String name = e.getKey();
            try (Parameter p = new Parameter("p", DType.F64, 1, 1)) {
                Optimizer opt = new SGD(List.of(p), LR0);
                LRScheduler scheduler = schedules(opt, name).get(name);
                List<double[]> want = e.getValue();
                assertNear(name + " epoch 0", want.get(0)[0], opt.learningRate());
                for (int epoch = 1; epoch < want.size(); epoch++) {
                    double metric = name.startsWith("plateau") ? PLATEAU_METRICS[epoch - 1] : Double.NaN;
                    scheduler.step(epoch, metric);
                    assertNear(name + " epoch " + epoch, want.get(epoch)[0], opt.learningRate());
                }
            }
        }
    }
}
