package dev.neurite.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.NativeMemory;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.EarlyStopping;
import dev.neurite.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * What an application embedding Neurite does in a loop (build a model, fit a batch, predict,
 * close) must leave Neurite's native memory where it started, with no garbage collection: every
 * allocation is freed by a close, none by the GC.
 */
class ModelCycleMemoryTest {

    private static final int CYCLES = 500;

    @Test
    void buildFitPredictCloseCyclesReturnNativeMemoryToItsStart() {
        try (Tensor x = Tensor.zeros(DType.F32, 128, 784); Tensor y = Tensor.zeros(DType.F32, 128, 1)) {
            CycleProgram.fillBatch(x, y);
            cycle(x, y); // first use loads backends and kernels
            long bytes = NativeMemory.liveBytes();
            long allocations = NativeMemory.liveAllocations();
            long managed = NativeMemory.managedBytesAllocated();
            for (int c = 0; c < CYCLES; c++) {
                cycle(x, y);
                assertEquals(bytes, NativeMemory.liveBytes(), "live native bytes after cycle " + (c + 1));
            }
            assertEquals(allocations, NativeMemory.liveAllocations(), "live native allocations");
            assertEquals(managed, NativeMemory.managedBytesAllocated(), "garbage-collected tensors made by Neurite");
        }
    }

    /** Build, fit one batch of 128 (validation and early stopping on), predict, close the model only. */
    private static void cycle(Tensor x, Tensor y) {
        try (Sequential model = new Sequential(784, 7, new Dense(784, 256), new ReLU(),
                new Dense(256, 128), new ReLU(), new Dense(128, 10))) {
            Adam adam = new Adam(model.parameters(), 1e-3); // never closed: the model's close frees its state
            new Trainer(model, new SoftmaxCrossEntropyLoss(), adam).epochs(2).batchSize(64)
                    .validation(x, y).callbacks(new EarlyStopping(1)).fit(x, y);
            try (Tensor out = model.predict(x)) {
                assertEquals(10, out.cols());
            }
        }
    }

    /**
     * The allocation that once outlived every fit (about 5 KB: the loss's 128x10 gradient buffer):
     * a fit with a new loss, trainer and callbacks leaves nothing behind that the model and
     * optimizer do not own, so fitting again does not grow native memory.
     */
    @Test
    void repeatedFitsLeaveNothingBehind() {
        try (Sequential model = new Sequential(20, 7, new Dense(20, 16), new ReLU(), new Dense(16, 10));
             Tensor x = Tensor.zeros(DType.F32, 128, 20); Tensor y = Tensor.zeros(DType.F32, 128, 1)) {
            Adam adam = new Adam(model.parameters(), 1e-3);
            new Trainer(model, new SoftmaxCrossEntropyLoss(), adam).batchSize(128).fit(x, y);
            long after = NativeMemory.liveBytes();
            for (int i = 0; i < 20; i++) {
                new Trainer(model, new SoftmaxCrossEntropyLoss(), adam).batchSize(128).epochs(2)
                        .validation(x, y).callbacks(new EarlyStopping(1)).fit(x, y);
                assertEquals(after, NativeMemory.liveBytes(), "fit " + (i + 2));
            }
        }
    }

    @Test
    void aClosedModelAndOptimizerRefuseWorkAndFreeEverything() {
        long bytes = NativeMemory.liveBytes();
        Sequential model = new Sequential(4, 1, new Dense(4, 3));
        Adam adam = new Adam(model.parameters(), 0.1);
        try (Tensor x = Tensor.zeros(DType.F32, 2, 4)) {
            model.forward(x);
            adam.step();
            model.close();
            assertThrows(IllegalStateException.class, () -> model.predict(x));
            assertThrows(IllegalStateException.class, () -> model.forward(x));
            assertThrows(IllegalStateException.class, adam::step);
            adam.close();
        }
        assertEquals(bytes, NativeMemory.liveBytes());
    }
}
