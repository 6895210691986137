package dev.neurite.optim;

import dev.neurite.nn.Parameter;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Time of one optimizer step over the parameters of a 784-256-128-10 MLP (float32, 235,146
 * values), on the backend chosen at start-up ({@code -Dneurite.backend=scalar|simd|blas}). Not a
 * test: run it by hand, e.g. {@code java --add-modules jdk.incubator.vector
 * -cp target/classes:target/test-classes dev.neurite.optim.OptimizerStepBenchmark}.
 */
public final class OptimizerStepBenchmark {

    private static final int[] LAYERS = {784, 256, 128, 10};
    private static final int REPEATS = 9;
    private static final int STEPS_PER_REPEAT = 200;

    private OptimizerStepBenchmark() {
    }

    public static void main(String[] args) {
        List<Parameter> ps = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i + 1 < LAYERS.length; i++) {
            ps.add(new Parameter("dense" + (i + 1) + ".weight", DType.F32, LAYERS[i], LAYERS[i + 1]));
            ps.add(new Parameter("dense" + (i + 1) + ".bias", DType.F32, 1, LAYERS[i + 1]));
        }
        long count = 0;
        for (Parameter p : ps) {
            float[] g = new float[(int) p.size()];
            for (int j = 0; j < g.length; j++) {
                g[j] = (float) (r.nextGaussian() * 1e-3);
            }
            p.grad().copyFrom(g);
            count += p.size();
        }
        System.out.printf("backend=%s parameters=%d%n", Ops.get().backend(), count);
        List<Function<List<Parameter>, Optimizer>> makers = List.of(
                p -> new SGD(p, 0.01), p -> new SGD(p, 0.01).momentum(0.9).nesterov(true).weightDecay(1e-4),
                p -> new RMSProp(p, 1e-3), p -> new Adam(p, 1e-3), p -> new AdamW(p, 1e-3).l1(1e-5));
        String[] names = {"sgd", "sgd-nesterov-wd", "rmsprop", "adam", "adamw-l1"};
        for (int i = 0; i < makers.size(); i++) {
            Optimizer opt = makers.get(i).apply(ps);
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < REPEATS; rep++) {
                long t0 = System.nanoTime();
                for (int s = 0; s < STEPS_PER_REPEAT; s++) {
                    opt.step();
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e3 / STEPS_PER_REPEAT);
            }
            System.out.printf("%-16s %8.1f us/step  %6.2f ns/value%n", names[i], best, best * 1e3 / count);
        }
    }
}
