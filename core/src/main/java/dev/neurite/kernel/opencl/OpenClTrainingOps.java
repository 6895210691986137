package dev.neurite.kernel.opencl;

/**
 * Mini-batch statistics computed on the device ({@code train.cl}), so that a training step reads
 * back a few numbers rather than its outputs. Enqueues and returns; not thread-safe.
 */
public final class OpenClTrainingOps {

    static final String SOURCE = "train.cl";
    /** Work-group size of {@code count_correct}; must match GROUP in train.cl. */
    private static final int GROUP = 256;

    private final OpenClContext context;
    private final KernelCall call;

    public OpenClTrainingOps(OpenClContext context) {
        this.context = context;
        this.call = new KernelCall(context);
    }

    /**
     * {@code stats[statsOff] = } the number of rows {@code i < rows} whose arg-max over
     * {@code z[i, 0..cols)} (first maximum, NaN counting as the maximum) equals {@code labels[i]}.
     */
    public void countCorrect(OpenClBuffer stats, long statsOff, OpenClBuffer z, long zOff, long ldz,
                             OpenClBuffer labels, long labelsOff, int rows, int cols) {
        assert rows > 0 && cols > 0 && labels.type() == ClType.INT32 && stats.type() == z.type();
        call.begin(context.kernel(SOURCE, "count_correct", z.type()), "count_correct")
                .mem(stats).arg(statsOff).mem(z).arg(zOff).arg(ldz).mem(labels).arg(labelsOff).arg(rows).arg(cols)
                .run1d(GROUP, GROUP);
    }

    /** Frees the host scratch of kernel calls; the context stays open. */
    public void close() {
        call.close();
    }
}
