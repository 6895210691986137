package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link Ops#run}/{@link Ops#call}: a backend for one block on one thread. */
class OpsScopedBackendTest {

    @Test
    void getReturnsTheScopedInstanceInsideTheBlockOnly() throws Exception {
        Ops jvmWide = Ops.get();
        Ops scalar = Ops.using("scalar");
        Ops simd = Ops.using("simd");
        scalar.run(() -> {
            assertSame(scalar, Ops.get());
            simd.run(() -> assertSame(simd, Ops.get()));
            assertSame(scalar, Ops.get());
        });
        assertEquals(jvmWide.backend(), Ops.get().backend());
        String inside = scalar.call(() -> Ops.get().backend());
        assertEquals("scalar", inside);
        String otherThread = scalar.call(() -> CompletableFuture.supplyAsync(() -> Ops.get().backend()).join());
        assertEquals(jvmWide.backend(), otherThread, "other threads keep the JVM-wide backend");
    }

    @Test
    void scopeEndsWhenTheBlockThrows() {
        Ops jvmWide = Ops.get();
        try {
            Ops.using("scalar").run(() -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            assertEquals("boom", expected.getMessage());
        }
        assertEquals(jvmWide.backend(), Ops.get().backend());
    }
}
