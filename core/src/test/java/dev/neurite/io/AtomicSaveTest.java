package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.optim.SGD;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save that fails part-way leaves the previous model byte-for-byte intact and no temporary or
 * partial files. Failures are injected in the channel the files are written through (the tests
 * may run as root, which a read-only directory would not stop).
 */
class AtomicSaveTest {

    @TempDir
    Path dir;

    /** Channels that fail once {@code budget} bytes have been written in total, across files. */
    private static UnaryOperator<WritableByteChannel> failingAfter(long budget) {
        long[] left = {budget};
        return ch -> new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                if (left[0] <= 0) {
                    throw new IOException("injected write failure");
                }
                int n = (int) Math.min(src.remaining(), left[0]);
                ByteBuffer part = src.duplicate().limit(src.position() + n);
                int written = ch.write(part);
                src.position(src.position() + written);
                left[0] -= written;
                return written;
            }

            @Override
            public boolean isOpen() {
                return ch.isOpen();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    private Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "files in the directory");
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    @Test
    void failedModelSaveLeavesTheOldModel() throws IOException {
        try (Sequential old = new Sequential(20, 1, new Dense(20, 30), new ReLU(), new Dense(30, 4));
             Sequential fresh = new Sequential(20, 2, new Dense(20, 30), new ReLU(), new Dense(30, 4))) {
            ModelIO.save(old, dir, Metadata.empty().with("which", "old"));
            Map<String, byte[]> before = snapshot();
            long weightsBytes = Files.size(ModelIO.weightsFile(dir));
            // halfway through the weights, then halfway through model.json (after all the weights)
            for (long budget : List.of(weightsBytes / 2, weightsBytes + 100)) {
                IOException e = assertThrows(IOException.class,
                        () -> ModelIO.save(fresh, dir, Metadata.empty().with("which", "new"), failingAfter(budget)));
                assertEquals("injected write failure", e.getMessage());
                assertSame(before, snapshot());
            }
            try (LoadedModel loaded = ModelIO.load(dir)) {
                assertEquals("old", loaded.metadata().get("which").orElseThrow());
                assertArrayEquals(old.parameters().getFirst().value().toFloatArray(),
                        loaded.model().parameters().getFirst().value().toFloatArray());
            }
            ModelIO.save(fresh, dir, Metadata.empty().with("which", "new"));
            try (LoadedModel loaded = ModelIO.load(dir)) {
                assertEquals("new", loaded.metadata().get("which").orElseThrow());
            }
        }
    }

    @Test
    void failedCheckpointSaveLeavesTheOldCheckpoint() throws IOException {
        try (Sequential model = new Sequential(20, 1, new Dense(20, 30), new ReLU(), new Dense(30, 4))) {
            SGD sgd = new SGD(model.parameters(), 0.1).momentum(0.9);
            IoTestModels.perturb(model, sgd);
            Checkpoint.save(dir, model, sgd, 1, Metadata.empty());
            Map<String, byte[]> before = snapshot();
            IoTestModels.perturb(model, sgd);
            long total = before.values().stream().mapToLong(b -> b.length).sum();
            for (long budget = 0; budget < total; budget += total / 7) {
                long b = budget;
                assertThrows(IOException.class, () -> Checkpoint.save(dir, model, sgd, 2, Metadata.empty(), failingAfter(b)));
                assertSame(before, snapshot());
            }
            try (LoadedCheckpoint loaded = Checkpoint.load(dir)) {
                assertEquals(1, loaded.epoch());
            }
        }
    }
}
