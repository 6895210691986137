package dev.neurite.bench.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GEMM case: {@code C (m x n) = op(A) (m x k) * op(B) (k x n)}, written {@code MxNxK}.
 * {@code transA} stores {@code A} as {@code k x m} (the {@code dW = X^T dY} of a dense layer's
 * backward pass), {@code transB} stores {@code B} as {@code n x k} ({@code dX = dY W^T}).
 */
public record GemmShape(String name, int m, int n, int k, boolean transA, boolean transB) {

    /** Widths of the benchmark MLP, input first: 784-256-128-10 (MNIST-sized). */
    private static final int[] MLP = {784, 256, 128, 10};

    /** Every case by name, squares first, then the MLP at batch 128 and batch 1. */
    public static final Map<String, GemmShape> ALL = build();

    /** The cases of a quick run. */
    public static final List<String> QUICK = List.of(
            "sq256", "sq1024", "mlp128.fwd1", "mlp128.dW1", "mlp128.dX1", "mlp1.fwd1");

    /** {@code MxNxK}, as in the summary lines. */
    public String dims() {
        return m + "x" + n + "x" + k;
    }

    /** The transposes in BLAS order, {@code op(A) op(B)}: {@code NN}, {@code TN} or {@code NT}. */
    public String trans() {
        return (transA ? "T" : "N") + (transB ? "T" : "N");
    }

    /** Floating-point operations of one call: a multiply and an add per inner-product term. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** Leading dimension of {@code A} as stored. */
    public int lda() {
        return transA ? m : k;
    }

    /** Leading dimension of {@code B} as stored. */
    public int ldb() {
        return transB ? k : n;
    }

    /** Squares run on OpenCL devices only, beyond {@link #ALL}: GPUs need them to reach full speed. */
    public static final List<String> DEVICE_SQUARES = List.of("sq4096");

    /** The named case; {@code sqN} names any square. */
    public static GemmShape named(String name) {
        GemmShape s = ALL.get(name);
        if (s == null && name.matches("sq[1-9][0-9]{0,4}")) {
            // larger squares for devices, e.g. sq4096
            int size = Integer.parseInt(name.substring(2));
            return new GemmShape(name, size, size, size, false, false);
        }
        if (s == null) {
            throw new IllegalArgumentException("unknown GEMM case '" + name + "'; known: " + ALL.keySet());
        }
        return s;
    }

    private static Map<String, GemmShape> build() {
        Map<String, GemmShape> all = new LinkedHashMap<>();
        for (int size : new int[] {64, 128, 256, 512, 1024, 2048}) {
            String name = "sq" + size;
            all.put(name, new GemmShape(name, size, size, size, false, false));
        }
        for (int batch : new int[] {128, 1}) {
            List<GemmShape> net = new ArrayList<>();
            String p = "mlp" + batch + ".";
            for (int layer = 1; layer < MLP.length; layer++) {
                int in = MLP[layer - 1];
                int out = MLP[layer];
                // forward: Y (batch x out) = X (batch x in) W (in x out)
                net.add(new GemmShape(p + "fwd" + layer, batch, out, in, false, false));
                // weight gradient: dW (in x out) = X^T dY, X stored batch x in
                net.add(new GemmShape(p + "dW" + layer, in, out, batch, true, false));
                // input gradient: dX (batch x in) = dY W^T, W stored in x out
                net.add(new GemmShape(p + "dX" + layer, batch, in, out, false, true));
            }
            for (GemmShape s : net) {
                all.put(s.name(), s);
            }
        }
        return java.util.Collections.unmodifiableMap(all);
    }
}
