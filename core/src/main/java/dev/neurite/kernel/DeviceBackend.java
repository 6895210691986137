package dev.neurite.kernel;

/**
 * The numerics of one compute device whose memory is not the host's (tinygrad's idea of a
 * backend): allocate, copy in and out through {@link DeviceBuffer}, and the operations over
 * buffers that {@code Ops} sends to tensors placed on the device. Matrices are row-major with a
 * leading dimension; vectors are contiguous. All operands of a call are on this device and of one
 * precision; {@code Ops} has checked shapes, so implementations only assert them.
 *
 * <p>Calls may come from several threads; an implementation serialises them on its queue.
 * {@link #close()} frees every buffer still allocated and the device context.
 */
public interface DeviceBackend extends AutoCloseable {

    /** Short name for messages and {@code Device.name()}, e.g. {@code opencl:0}. */
    String name();

    /** One line about the device, for logs. */
    String describe();

    /**
     * A zero-filled buffer of {@code length} elements.
     *
     * @throws RuntimeException naming why when the device cannot hold it or has no float64
     */
    DeviceBuffer allocate(long length, boolean doublePrecision);

    /** {@code out[i] = value} for {@code n} elements. */
    void fill(DeviceBuffer out, long outOff, long n, double value);

    /** {@code out[i] = x[i]} for {@code n} elements. */
    void copy(DeviceBuffer out, long outOff, DeviceBuffer x, long xOff, long n);

    /** {@code C = alpha * op(A) * op(B) + beta * C}, as {@link Kernels#gemmF32}. */
    void gemm(DeviceBuffer c, long cOff, long ldc, DeviceBuffer a, long aOff, long lda, boolean transA,
              DeviceBuffer b, long bOff, long ldb, boolean transB, int m, int n, int k, double alpha, double beta);

    /** {@code y += alpha * x}. */
    void axpy(DeviceBuffer y, long yOff, double alpha, DeviceBuffer x, long xOff, long n);

    /** {@code out = alpha * x}. */
    void scale(DeviceBuffer out, long outOff, double alpha, DeviceBuffer x, long xOff, long n);

    /** {@code out = a op b}. */
    void binary(BinaryOp op, DeviceBuffer out, long outOff, DeviceBuffer a, long aOff, DeviceBuffer b, long bOff,
                long n);

    /** {@code out = op(x)}. */
    void unary(UnaryOp op, DeviceBuffer out, long outOff, DeviceBuffer x, long xOff, long n);

    /** {@code out = min(max(x, lo), hi)}. */
    void clamp(DeviceBuffer out, long outOff, DeviceBuffer x, long xOff, long n, double lo, double hi);

    /** {@code y = f(x)}. */
    void activationForward(Activation f, double slope, DeviceBuffer y, long yOff, DeviceBuffer x, long xOff, long n);

    /** {@code dX = dY * f'(x)} from the forward output {@code y}. */
    void activationBackward(Activation f, double slope, DeviceBuffer dX, long dXOff, DeviceBuffer dY, long dYOff,
                            DeviceBuffer y, long yOff, long n);

    /** {@code out[i, j] = f(a[i, j] + bias[j])}; {@link Activation#IDENTITY} for a plain bias add. */
    void addRowVectorActivation(Activation f, double slope, DeviceBuffer out, long outOff, long ldOut,
                                DeviceBuffer a, long aOff, long lda, DeviceBuffer bias, long biasOff,
                                int rows, int cols);

    /**
     * Row gather: row {@code i} of the contiguous {@code rows x cols} matrix at {@code outOff}
     * becomes row {@code indices[from + i]} of {@code src} (leading dimension {@code ld}); the
     * indices are checked by the caller.
     */
    void gatherRows(DeviceBuffer out, long outOff, DeviceBuffer src, long srcOff, long ld, int[] indices, int from,
                    int rows, int cols);

    /** {@code out[i, j] = a[i, j] op v[j]} ({@code byRow}) or {@code a[i, j] op v[i]}. */
    void broadcast(boolean byRow, BinaryOp op, DeviceBuffer out, long outOff, long ldOut, DeviceBuffer a, long aOff,
                   long lda, DeviceBuffer v, long vOff, int rows, int cols);

    /** {@code out[i] = reduce_j x[i, j]}. */
    void rowReduce(RowReduction op, DeviceBuffer out, long outOff, DeviceBuffer x, long xOff, long ldx,
                   int rows, int cols);

    /** {@code out[i] = argmax_j x[i, j]} into host memory: first index on ties, first NaN if any. */
    void rowArgmax(int[] out, DeviceBuffer x, long xOff, long ldx, int rows, int cols);

    /**
     * Softmax cross-entropy against host class indices (checked to lie in {@code [0, cols)}):
     * writes {@code dZ = scale * (softmax(z) - onehot(labels))} and returns the summed loss.
     */
    double softmaxCrossEntropy(DeviceBuffer dZ, long dZOff, long ldd, DeviceBuffer z, long zOff, long ldz,
                               int[] labels, int rows, int cols, double scale);

    /**
     * A {@link PointwiseLoss} over {@code n} contiguous elements: writes
     * {@code dP[i] = scale * d term_i / d p_i} and returns {@code sum_i term_i}.
     */
    double pointwiseLoss(PointwiseLoss loss, DeviceBuffer dP, long dPOff, DeviceBuffer p, long pOff,
                         DeviceBuffer t, long tOff, long n, double scale);

    /**
     * Multi-class hinge loss against host class indices (checked to lie in {@code [0, cols)}), as
     * {@code ScalarLossKernels.multiClassHingeF32}: writes {@code dS} and returns the summed loss.
     */
    double multiClassHinge(DeviceBuffer dS, long dSOff, long ldd, DeviceBuffer s, long sOff, long lds,
                           int[] labels, int rows, int cols, double margin, double w);

    /**
     * {@code out[i] = draw(seed, i) < threshold ? scale : 0} for {@code i < n}, with the
     * counter-based draw of {@code ScalarLossKernels.draw}, so host and device masks agree.
     */
    void bernoulliMask(DeviceBuffer out, long outOff, long n, long seed, int threshold, double scale);

    /** {@code out[j] = sum_i a[i, j]}. */
    void columnSums(DeviceBuffer out, long outOff, DeviceBuffer a, long aOff, long lda, int rows, int cols);

    /** Row-wise softmax, or log-softmax with {@code log}. */
    void softmaxRows(boolean log, DeviceBuffer out, long outOff, long ldOut, DeviceBuffer x, long xOff, long ldx,
                     int rows, int cols);

    /** {@code sum_i x[i]}, or {@code sum_i x[i]^2} with {@code squares}, read back to the host. */
    double sum(DeviceBuffer x, long xOff, long n, boolean squares);

    /** {@code sum_i x[i] * y[i]}, read back to the host. */
    double dot(DeviceBuffer x, long xOff, DeviceBuffer y, long yOff, long n);

    /** One SGD step, as {@link Kernels#sgdUpdateF32}; {@code buf} may be null without momentum. */
    void sgdUpdate(DeviceBuffer w, long wOff, DeviceBuffer buf, long bufOff, DeviceBuffer g, long gOff, long n,
                   double lr, double momentum, double dampening, boolean nesterov, double weightDecay, double l1,
                   boolean firstStep);

    /** One RMSProp step, as {@link Kernels#rmspropUpdateF32}; {@code gAvg} and {@code buf} may be null. */
    void rmspropUpdate(DeviceBuffer w, long wOff, DeviceBuffer sq, long sqOff, DeviceBuffer gAvg, long gAvgOff,
                       DeviceBuffer buf, long bufOff, DeviceBuffer g, long gOff, long n, double lr, double alpha,
                       double eps, double momentum, boolean centered, double weightDecay, double l1);

    /** One Adam/AdamW step, as {@link Kernels#adamUpdateF32}. */
    void adamUpdate(DeviceBuffer w, long wOff, DeviceBuffer m, long mOff, DeviceBuffer v, long vOff,
                    DeviceBuffer g, long gOff, long n, double stepSize, double beta1, double beta2, double eps,
                    double biasCorrection2Sqrt, double weightDecay, double l1, double decay);

    /** Frees every buffer still allocated and the device context; idempotent. */
    @Override
    void close();
}
