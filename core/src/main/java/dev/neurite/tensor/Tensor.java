package dev.neurite.tensor;

import dev.neurite.kernel.DeviceBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Consumer;

/**
 * A row-major 2-D matrix of {@code float}s or {@code double}s in off-heap memory.
 *
 * <p>Shape is {@code rows x cols}; a vector is a {@code 1 x n} or {@code n x 1} tensor. Element
 * {@code (i, j)} is at {@code offset + i * rowStride + j * colStride} (in elements) of the
 * underlying memory, which lets {@link #rows(int, int)}, {@link #columns(int, int)},
 * {@link #slice}, {@link #row}, {@link #column} and {@link #transpose()} return views that share
 * memory without copying.
 *
 * <p>Lifetime: a tensor made by {@link #zeros(DType, int, int)} or {@link #of(float[], int, int)}
 * owns its memory and frees it on {@link #close()}; tensors made by a {@link TensorScope} are
 * freed together when the scope closes; {@link #managed(DType, int, int)} tensors are freed by the
 * garbage collector (an opt-in: nothing in Neurite relies on it, and {@link NativeMemory} counts
 * what owned tensors hold). Views never own memory: {@code close()} on them (and on scope members and
 * managed tensors) does nothing. Using a tensor whose memory was freed throws
 * {@link IllegalStateException}; it never crashes the JVM.
 *
 * <p>Placement: a tensor lives on the host or on a {@link Device} ({@link #device()}); operations
 * run where their tensors live, {@link #to(Device)} copies between devices, and the methods that
 * read or write single elements ({@code get}, {@code set}, {@code gatherRows}) are for host
 * tensors. {@code toFloatArray}, {@code copyFrom} and {@code fill} work on either.
 *
 * <p>A tensor may be read from many threads; writes need external coordination.
 */
public final class Tensor implements AutoCloseable {

    /** Alignment of fresh allocations: one cache line, a whole AVX-512 vector. */
    static final long ALIGNMENT = 64;

    private final MemorySegment segment;
    private final Arena ownedArena; // non-null only for a tensor that owns its memory
    private final DType dtype;
    private final int rows;
    private final int cols;
    private final long offset;
    private final long rowStride;
    private final long colStride;
    private final Device device;
    /** The device memory of a tensor not on the host; null on the host. */
    private final DeviceBuffer buffer;
    /** True for a device tensor that frees {@link #buffer} on close. */
    private final boolean ownsBuffer;

    private Tensor(MemorySegment segment, Arena ownedArena, DType dtype, int rows, int cols,
                   long offset, long rowStride, long colStride) {
        this(segment, ownedArena, dtype, rows, cols, offset, rowStride, colStride, Device.HOST, null, false);
    }

    private Tensor(MemorySegment segment, Arena ownedArena, DType dtype, int rows, int cols, long offset,
                   long rowStride, long colStride, Device device, DeviceBuffer buffer, boolean ownsBuffer) {
        this.device = device;
        this.buffer = buffer;
        this.ownsBuffer = ownsBuffer;
        this.segment = segment;
        this.ownedArena = ownedArena;
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
        this.offset = offset;
        this.rowStride = rowStride;
        this.colStride = colStride;
    }

    // ---------------------------------------------------------------------------------------
    // Creation

    /** A fresh tensor in {@code arena}; the caller has counted it with {@link NativeMemory}. */
    static Tensor allocate(Arena arena, Arena owned, DType dtype, int rows, int cols) {
        MemorySegment segment = TensorMemory.segment(arena, dtype, rows, cols, ALIGNMENT);
        return new Tensor(segment, owned, dtype, rows, cols, 0, cols, 1);
    }

    /**
     * A zero-filled tensor that owns its memory; free it with {@link #close()}. The size is
     * checked against {@link NativeMemory#limit()} before anything is allocated.
     *
     * @throws MemoryLimitException when the tensor does not fit in the memory Neurite may use
     */
    public static Tensor zeros(DType dtype, int rows, int cols) {
        TensorMemory.checkShape(dtype, rows, cols);
        long bytes = TensorMemory.allocationBytes(dtype, rows, cols);
        NativeMemory.reserve(TensorMemory.describe(dtype, rows, cols), bytes);
        Arena arena = Arena.ofShared();
        try {
            return allocate(arena, arena, dtype, rows, cols);
        } catch (RuntimeException | Error e) {
            arena.close();
            NativeMemory.release(bytes);
            throw e;
        }
    }

    /**
     * A zero-filled tensor on {@code device} that owns its memory; free it with {@link #close()}
     * (or by closing the device).
     */
    public static Tensor zeros(DType dtype, int rows, int cols, Device device) {
        if (device.isHost()) {
            return zeros(dtype, rows, cols);
        }
        TensorMemory.checkShape(dtype, rows, cols);
        DeviceBuffer memory = device.backend().allocate((long) rows * cols, dtype == DType.F64);
        return new Tensor(null, null, dtype, rows, cols, 0, cols, 1, device, memory, true);
    }

    /**
     * A copy of this tensor (of a view, only the viewed part) on {@code target}, contiguous and
     * owning its memory: the caller closes it. To the same device it is {@link #copy()}.
     */
    public Tensor to(Device target) {
        requireOpen("to");
        Tensor out = zeros(dtype, rows, cols, target);
        try {
            out.copyFrom(this);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /** Where this tensor's memory lives. */
    public Device device() {
        return device;
    }

    /**
     * A zero-filled tensor whose memory the garbage collector frees: an opt-in for code that
     * prefers that to {@link #close()}. Neurite itself never makes one.
     */
    public static Tensor managed(DType dtype, int rows, int cols) {
        TensorMemory.checkShape(dtype, rows, cols);
        NativeMemory.countManaged(TensorMemory.describe(dtype, rows, cols),
                TensorMemory.allocationBytes(dtype, rows, cols));
        return allocate(Arena.ofAuto(), null, dtype, rows, cols);
    }

    /** A {@code rows x cols} float32 tensor holding {@code data} (row-major); owns its memory. */
    public static Tensor of(float[] data, int rows, int cols) {
        return computed(DType.F32, rows, cols, t -> {
            requireValues(t, data.length);
            t.copyFrom(data);
        });
    }

    /** A {@code rows x cols} float64 tensor holding {@code data} (row-major); owns its memory. */
    public static Tensor of(double[] data, int rows, int cols) {
        return computed(DType.F64, rows, cols, t -> {
            requireValues(t, data.length);
            t.copyFrom(data);
        });
    }

    /** A float32 tensor with the given rows, which must all have the same length; owns its memory. */
    public static Tensor of(float[][] data) {
        int cols = data.length == 0 ? 0 : data[0].length;
        return computed(DType.F32, data.length, cols, t -> HostTransfers.copyRows(t, data));
    }

    private static void requireValues(Tensor t, long length) {
        if (length != t.size()) {
            throw new IllegalArgumentException("data has " + length + " values, but shape "
                    + t.shape() + " needs " + t.size());
        }
    }

    /**
     * A new zero-filled {@code rows x cols} tensor that owns its memory, filled by
     * {@code compute}; if {@code compute} throws, the tensor is freed and the exception passes
     * on. For methods that return a result the caller closes.
     */
    public static Tensor computed(DType dtype, int rows, int cols, Consumer<Tensor> compute) {
        Tensor t = zeros(dtype, rows, cols);
        try {
            compute.accept(t);
            return t;
        } catch (RuntimeException | Error e) {
            t.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Shape

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** Number of elements, {@code rows * cols}. */
    public long size() {
        return (long) rows * cols;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The shape as written in error messages, e.g. {@code 128x784 f32}. */
    public String shape() {
        return rows + "x" + cols + " " + dtype.label();
    }

    /** True when the elements are stored row-major without gaps. */
    public boolean isContiguous() {
        return (colStride == 1 || cols <= 1) && (rowStride == cols || rows <= 1);
    }

    /** True while the memory is alive; false after close (of the owner or its scope). */
    public boolean isOpen() {
        return buffer == null ? segment.scope().isAlive() : buffer.isOpen();
    }

    /** True when this tensor owns its memory and {@link #close()} frees it. */
    public boolean ownsMemory() {
        return ownedArena != null || ownsBuffer;
    }

    // ---------------------------------------------------------------------------------------
    // Views

    private Tensor view(int newRows, int newCols, long newOffset, long newRowStride, long newColStride) {
        return new Tensor(segment, null, dtype, newRows, newCols, newOffset, newRowStride, newColStride,
                device, buffer, false);
    }

    /** Rows {@code [from, to)} as a view. */
    public Tensor rows(int from, int to) {
        return slice(from, to, 0, cols);
    }

    /** Columns {@code [from, to)} as a view. */
    public Tensor columns(int from, int to) {
        return slice(0, rows, from, to);
    }

    /** Row {@code i} as a {@code 1 x cols} view. */
    public Tensor row(int i) {
        return slice(i, i + 1, 0, cols);
    }

    /** Column {@code j} as a {@code rows x 1} view. */
    public Tensor column(int j) {
        return slice(0, rows, j, j + 1);
    }

    /** Rows {@code [r0, r1)} and columns {@code [c0, c1)} as a view. */
    public Tensor slice(int r0, int r1, int c0, int c1) {
        requireOpen("slice");
        if (r0 < 0 || r1 < r0 || r1 > rows || c0 < 0 || c1 < c0 || c1 > cols) {
            throw new IndexOutOfBoundsException("slice [" + r0 + ":" + r1 + ", " + c0 + ":" + c1
                    + "] is outside a tensor of shape " + shape());
        }
        return view(r1 - r0, c1 - c0, offset + r0 * rowStride + c0 * colStride, rowStride, colStride);
    }

    /** The transpose as a view: {@code cols x rows}, sharing memory. */
    public Tensor transpose() {
        requireOpen("transpose");
        return view(cols, rows, offset, colStride, rowStride);
    }

    /** A view with another shape over the same contiguous elements. */
    public Tensor reshape(int newRows, int newCols) {
        requireOpen("reshape");
        TensorMemory.checkShape(dtype, newRows, newCols);
        if ((long) newRows * newCols != size()) {
            throw new IllegalArgumentException("reshape: cannot view " + shape() + " as "
                    + newRows + "x" + newCols + " (" + size() + " vs " + (long) newRows * newCols + " elements)");
        }
        if (!isContiguous()) {
            throw new IllegalArgumentException("reshape: tensor " + shape() + " is not contiguous; copy() it first");
        }
        return view(newRows, newCols, offset, newCols, 1);
    }

    // ---------------------------------------------------------------------------------------
    // Element access and copies

    private long index(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("index (" + i + ", " + j + ") is outside a tensor of shape " + shape());
        }
        return offset + i * rowStride + j * colStride;
    }

    /** Element {@code (i, j)} as a double. */
    public double get(int i, int j) {
        requireHost("get");
        long k = index(i, j);
        return dtype == DType.F32 ? segment.getAtIndex(ValueLayout.JAVA_FLOAT, k)
                : segment.getAtIndex(ValueLayout.JAVA_DOUBLE, k);
    }

    /** Sets element {@code (i, j)} (rounded to float for a float32 tensor). */
    public void set(int i, int j, double value) {
        requireHost("set");
        long k = index(i, j);
        if (dtype == DType.F32) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, k, (float) value);
        } else {
            segment.setAtIndex(ValueLayout.JAVA_DOUBLE, k, value);
        }
    }

    /** Copies {@code data} (row-major, {@code size()} values) into this tensor. */
    public void copyFrom(float[] data) {
        requireOpen("copyFrom");
        requireLength("copyFrom", data.length);
        if (buffer != null) {
            try (Tensor host = Tensor.of(data, rows, cols)) {
                DeviceTransfers.copy(this, host);
            }
            return;
        }
        HostTransfers.copy(this, data);
    }

    /** Copies {@code data} (row-major, {@code size()} values) into this tensor. */
    public void copyFrom(double[] data) {
        requireOpen("copyFrom");
        requireLength("copyFrom", data.length);
        if (buffer != null) {
            try (Tensor host = Tensor.of(data, rows, cols)) {
                DeviceTransfers.copy(this, host);
            }
            return;
        }
        HostTransfers.copy(this, data);
    }

    /** Copies {@code source}, of the same shape and any dtype or layout, into this tensor. */
    public void copyFrom(Tensor source) {
        requireOpen("copyFrom");
        source.requireOpen("copyFrom");
        if (source.rows != rows || source.cols != cols) {
            throw new IllegalArgumentException("copyFrom: shapes differ: this is " + shape()
                    + ", source is " + source.shape());
        }
        if (buffer != null || source.buffer != null) {
            DeviceTransfers.copy(this, source);
            return;
        }
        HostTransfers.copy(this, source);
    }

    /**
     * Gathers rows: row {@code i} of this tensor becomes row {@code indices[from + i]} of
     * {@code source}, for every row of this tensor. Widths and dtypes must agree. Allocates
     * nothing, so a training loop can fill a reusable mini-batch buffer with it.
     */
    public void gatherRows(Tensor source, int[] indices, int from) {
        if (buffer != null || source.buffer != null) {
            DeviceTransfers.gatherRows(this, source, indices, from);
            return;
        }
        requireOpen("gatherRows");
        source.requireOpen("gatherRows");
        HostTransfers.gatherRows(this, source, indices, from);
    }

    private void requireLength(String op, int length) {
        if (length != size()) {
            throw new IllegalArgumentException(op + ": array has " + length + " values, tensor "
                    + shape() + " has " + size());
        }
    }

    /** Throws a clear error when this tensor is closed, naming {@code op}. */
    void checkOpen(String op) {
        requireOpen(op);
    }

    /** The elements, row-major, as floats. */
    public float[] toFloatArray() {
        requireOpen("toFloatArray");
        if (buffer != null) {
            try (Tensor host = to(Device.HOST)) {
                return host.toFloatArray();
            }
        }
        return HostTransfers.toFloatArray(this);
    }

    /** The elements, row-major, as doubles. */
    public double[] toDoubleArray() {
        requireOpen("toDoubleArray");
        if (buffer != null) {
            try (Tensor host = to(Device.HOST)) {
                return host.toDoubleArray();
            }
        }
        return HostTransfers.toDoubleArray(this);
    }

    /** Sets every element to {@code value}. */
    public void fill(double value) {
        requireOpen("fill");
        if (size() == 0) {
            return;
        }
        if (buffer != null) {
            DeviceTransfers.fill(this, value);
            return;
        }
        HostTransfers.fill(this, value);
    }

    /**
     * A contiguous copy of this tensor (of a view, only the viewed part) that owns its memory:
     * the caller closes it.
     */
    public Tensor copy() {
        requireOpen("copy");
        return to(device);
    }

    /**
     * Frees the memory if this tensor owns it; otherwise does nothing. Idempotent and safe to call
     * from several threads; a native call using the memory at that moment is waited for.
     */
    @Override
    public void close() {
        if (ownsBuffer) {
            buffer.close();
            return;
        }
        if (ownedArena == null) {
            return;
        }
        synchronized (ownedArena) {
            if (ownedArena.scope().isAlive()) {
                TensorMemory.closeWaiting(ownedArena);
                NativeMemory.release(TensorMemory.allocationBytes(dtype, rows, cols));
            }
        }
    }

    @Override
    public String toString() {
        return "Tensor[" + shape() + (device.isHost() ? "" : " on " + device.name()) + (isOpen() ? "" : ", closed") + "]";
    }

    // ---------------------------------------------------------------------------------------
    // For Ops (same package): raw layout

    /** Throws {@link IllegalStateException} naming {@code op} when the memory is freed. */
    void requireOpen(String op) {
        if (!isOpen()) {
            throw new IllegalStateException(op + ": tensor " + rows + "x" + cols + " " + dtype.label()
                    + " is closed (its memory was freed)");
        }
    }

    /** As {@link #requireOpen}, and fails naming {@code op} for a tensor that is not on the host. */
    void requireHost(String op) {
        requireOpen(op);
        if (buffer != null) {
            throw new IllegalArgumentException(op + ": tensor " + shape() + " lives on " + device.name()
                    + "; copy it to the host first (to(Device.HOST))");
        }
    }

    /** The host memory; null for a tensor on a device. */
    MemorySegment segment() {
        return segment;
    }

    /** The device memory; null for a tensor on the host. */
    DeviceBuffer buffer() {
        return buffer;
    }

    long offset() {
        return offset;
    }

    long rowStride() {
        return rowStride;
    }

    long colStride() {
        return colStride;
    }
}
