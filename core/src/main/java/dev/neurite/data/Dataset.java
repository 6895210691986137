package dev.neurite.data;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory data set: a features tensor {@code x} of shape {@code (N, d)} and a targets tensor
 * {@code y} of shape {@code (N, 1)} (class indices or regression values) or {@code (N, k)} (one-hot
 * rows or several regression outputs), with optional class names and feature names.
 *
 * <p>Immutable: the constructor copies the tensors it is given, nothing changes a data set after
 * construction, and operations such as {@link #subset} return new data sets. {@link #x()} and
 * {@link #y()} return the data set's own tensors so that large data sets are not copied on every
 * access; treat them as read-only. Mini-batching is the trainer's job.
 *
 * <p>Memory: the tensors live off-heap and a data set frees them on {@link #close()}. Data sets
 * made from one another share what they do not change (the targets of {@link #withFeatures},
 * the features of {@link #withTargets}); shared memory is freed when the last data set holding it
 * closes. Close every data set you make, including derived ones.
 */
public final class Dataset implements AutoCloseable {

    private final SharedTensor xRef;
    private final SharedTensor yRef;
    private final Tensor x;
    private final Tensor y;
    private boolean closed;
    private final List<String> classNames;
    private final List<String> featureNames;

    /** A data set holding copies of {@code x (N, d)} and {@code y (N, k)}, without names. */
    public Dataset(Tensor x, Tensor y) {
        this(x, y, List.of(), List.of());
    }

    /**
     * A data set holding copies of {@code x (N, d)} and {@code y (N, k)}. {@code classNames} is
     * empty or names the classes in class-index order; {@code featureNames} is empty or has one
     * name per column of {@code x}.
     */
    public Dataset(Tensor x, Tensor y, List<String> classNames, List<String> featureNames) {
        this(copyOf(x, "x"), copyOf(y, "y"), classNames, featureNames, true);
    }

    /** Takes ownership of {@code x} and {@code y} (tensors that own their memory, nobody else writes). */
    Dataset(Tensor x, Tensor y, List<String> classNames, List<String> featureNames, boolean owned) {
        this(new SharedTensor(Objects.requireNonNull(x, "x")), new SharedTensor(Objects.requireNonNull(y, "y")),
                classNames, featureNames);
    }

    /**
     * Takes over one reference to each of {@code x} and {@code y}, released on close (or here, when
     * the arguments are refused).
     */
    private Dataset(SharedTensor xRef, SharedTensor yRef, List<String> classNames, List<String> featureNames) {
        Tensor x = xRef.tensor();
        Tensor y = yRef.tensor();
        try {
            check(x, y, classNames, featureNames);
        } catch (RuntimeException e) {
            xRef.release();
            yRef.release();
            throw e;
        }
        this.classNames = List.copyOf(classNames);
        this.featureNames = List.copyOf(featureNames);
        this.xRef = xRef;
        this.yRef = yRef;
        this.x = x;
        this.y = y;
    }

    private static void check(Tensor x, Tensor y, List<String> classNames, List<String> featureNames) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("dataset: x has " + x.rows() + " rows but y has " + y.rows()
                    + " (x " + x.shape() + ", y " + y.shape() + ")");
        }
        Objects.requireNonNull(classNames, "classNames");
        if (!Objects.requireNonNull(featureNames, "featureNames").isEmpty() && featureNames.size() != x.cols()) {
            throw new IllegalArgumentException("dataset: " + featureNames.size() + " feature names for x "
                    + x.shape() + " with " + x.cols() + " columns");
        }
    }

    private static Tensor copyOf(Tensor t, String name) {
        return Objects.requireNonNull(t, name).copy();
    }

    /**
     * Frees the tensors, or gives up this data set's share of them when another data set still
     * holds them. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            xRef.release();
            yRef.release();
        }
    }

    /** Number of samples (rows), N. */
    public int size() {
        return x.rows();
    }

    /** Number of features (columns of {@link #x()}), d. */
    public int features() {
        return x.cols();
    }

    /**
     * The features, {@code (N, d)}; read-only by convention.
     *
     * @throws IllegalStateException when the data set is closed (or was consumed by
     *     {@link #transformFeatures})
     */
    public Tensor x() {
        requireOpen("x");
        return x;
    }

    /**
     * The targets, {@code (N, 1)} or {@code (N, k)}; read-only by convention.
     *
     * @throws IllegalStateException when the data set is closed
     */
    public Tensor y() {
        requireOpen("y");
        return y;
    }

    private synchronized void requireOpen(String what) {
        if (closed) {
            throw new IllegalStateException("dataset " + what + "(): the data set is closed");
        }
    }

    /**
     * Consumes this data set: returns one with the same targets and names whose features are
     * this one's transformed by {@code inPlace} (a function that overwrites its argument, such as
     * a fitted scaler's in-place transform), and closes this one. When no other data set shares
     * the features they are transformed where they are, without a copy: the way to scale a
     * large training set without holding it twice.
     */
    public synchronized Dataset transformFeatures(java.util.function.Consumer<Tensor> inPlace) {
        requireOpen("transformFeatures");
        if (xRef.exclusive()) {
            closed = true; // the references move to the new data set
            try {
                inPlace.accept(x);
            } catch (RuntimeException | Error e) {
                xRef.release(); // partly transformed: nobody may read it
                yRef.release();
                throw e;
            }
            return new Dataset(xRef, yRef, classNames, featureNames);
        }
        Tensor copy = x.copy();
        try {
            inPlace.accept(copy);
        } catch (RuntimeException | Error e) {
            copy.close();
            throw e;
        }
        Dataset out = new Dataset(new SharedTensor(copy), yRef.retain(), classNames, featureNames);
        close();
        return out;
    }

    /** Class names in class-index order; empty for regression data or unnamed classes. */
    public List<String> classNames() {
        return classNames;
    }

    /** One name per feature column; empty when the features are unnamed. */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The targets as class indices, one per row, for a data set whose {@code y} is {@code (N, 1)}
     * class indices (as {@link CsvReader#classification} reads them).
     *
     * @throws IllegalStateException when {@code y} is not one column of whole numbers in
     *     {@code [0, C)} ({@code C} the number of class names, when there are names)
     */
    public int[] classLabels() {
        requireOpen("classLabels");
        if (y.cols() != 1) {
            throw new IllegalStateException("dataset: class labels need y (N, 1), got " + y.shape());
        }
        double[] values = y.toDoubleArray();
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0 && v == Math.rint(v) && v < Integer.MAX_VALUE)
                    || (!classNames.isEmpty() && v >= classNames.size())) {
                throw new IllegalStateException("dataset: y at row " + i + " is " + v + ", not a class index"
                        + (classNames.isEmpty() ? "" : " in [0, " + classNames.size() + ")"));
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /** The class name of each row, by {@link #classLabels()} and {@link #classNames()}. */
    public String[] classLabelNames() {
        if (classNames.isEmpty()) {
            throw new IllegalStateException("dataset: no class names");
        }
        int[] labels = classLabels();
        String[] names = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            names[i] = classNames.get(labels[i]);
        }
        return names;
    }

    /** A new data set of the rows {@code indices} (in that order, repeats allowed), copied. */
    public Dataset subset(int[] indices) {
        requireOpen("subset");
        Objects.requireNonNull(indices, "indices");
        Tensor xs = Tensor.zeros(x.dtype(), indices.length, x.cols());
        Tensor ys = null;
        try {
            ys = Tensor.zeros(y.dtype(), indices.length, y.cols());
            if (indices.length > 0) {
                xs.gatherRows(x, indices, 0);
                ys.gatherRows(y, indices, 0);
            }
            return new Dataset(xs, ys, classNames, featureNames, true);
        } catch (RuntimeException | Error e) {
            xs.close();
            if (ys != null) {
                ys.close();
            }
            throw e;
        }
    }

    /**
     * The same targets and names with new features {@code newX (N, d)}, copied; for example the
     * output of a scaler. The feature names are kept when the width is unchanged.
     */
    public Dataset withFeatures(Tensor newX) {
        requireOpen("withFeatures");
        SharedTensor copy = new SharedTensor(copyOf(newX, "newX"));
        return new Dataset(copy, yRef.retain(), classNames, copy.tensor().cols() == x.cols() ? featureNames : List.of());
    }

    /** The same data set with new targets {@code newY (N, k)}, copied; for example one-hot rows. */
    public Dataset withTargets(Tensor newY) {
        requireOpen("withTargets");
        SharedTensor copy = new SharedTensor(copyOf(newY, "newY"));
        return new Dataset(xRef.retain(), copy, classNames, featureNames);
    }

    /**
     * This data set with both tensors converted to {@code dtype}: a new data set (sharing the
     * tensors that already have that type) that the caller closes.
     */
    public Dataset withDType(DType dtype) {
        requireOpen("withDType");
        SharedTensor cx = x.dtype() == dtype ? xRef.retain() : new SharedTensor(convert(x, dtype));
        SharedTensor cy;
        try {
            cy = y.dtype() == dtype ? yRef.retain() : new SharedTensor(convert(y, dtype));
        } catch (RuntimeException | Error e) {
            cx.release();
            throw e;
        }
        return new Dataset(cx, cy, classNames, featureNames);
    }

    private static Tensor convert(Tensor t, DType dtype) {
        return Tensor.computed(dtype, t.rows(), t.cols(), out -> out.copyFrom(t));
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " samples, x " + x.shape() + ", y " + y.shape()
                + (classNames.isEmpty() ? "" : ", " + classNames.size() + " classes") + "]";
    }
}
