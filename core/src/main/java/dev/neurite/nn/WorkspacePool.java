package dev.neurite.nn;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Device;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The inference workspaces of a model: a call borrows an idle one (or a new one when all are in
 * use) and gives it back. There are never more than the most calls that ran at once, a thread
 * that ends leaves nothing behind, and borrowing and giving back allocate nothing: idle
 * workspaces sit in a fixed array of slots taken and filled with compare-and-set, the low slots
 * first, so that a few callers keep reusing the same warm buffers.
 */
final class WorkspacePool implements AutoCloseable {

    /** Idle workspaces kept for reuse; beyond this many concurrent calls, extras are freed after use. */
    static final int SLOTS = 64;

    private final DType dtype;
    private final int layers;
    private final long seed;
    private volatile Device device = Device.HOST;
    private final AtomicReferenceArray<Workspace> idle = new AtomicReferenceArray<>(SLOTS);
    private final List<Workspace> all = new CopyOnWriteArrayList<>();

    WorkspacePool(DType dtype, int layers, long seed) {
        this.dtype = dtype;
        this.layers = layers;
        this.seed = seed;
    }

    /** An idle workspace, or a new one. */
    Workspace borrow() {
        for (int i = 0; i < SLOTS; i++) {
            Workspace ws = idle.get(i);
            if (ws != null && idle.compareAndSet(i, ws, null)) {
                return ws;
            }
        }
        Workspace ws = new Workspace(dtype, layers, seed, false);
        ws.moveTo(device);
        all.add(ws);
        return ws;
    }

    /** Returns a borrowed workspace; one that finds no free slot is freed. */
    void giveBack(Workspace ws) {
        for (int i = 0; i < SLOTS; i++) {
            if (idle.get(i) == null && idle.compareAndSet(i, null, ws)) {
                return;
            }
        }
        all.remove(ws);
        ws.close();
    }

    /** Frees every workspace; later ones allocate on {@code device}. Callers must have stopped borrowing. */
    void moveTo(Device device) {
        close();
        this.device = device;
    }

    /** Frees every workspace; callers must have stopped borrowing. */
    @Override
    public void close() {
        for (Workspace ws : all) {
            ws.close();
        }
        all.clear();
        for (int i = 0; i < SLOTS; i++) {
            idle.set(i, null);
        }
    }
}
