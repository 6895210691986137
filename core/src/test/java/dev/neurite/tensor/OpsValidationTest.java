package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input at the public edge: each a clear exception naming the op and the shapes. */
class OpsValidationTest {

    private final Ops ops = Ops.using("scalar");

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void shapeMismatchesNameTheOpAndBothShapes() {
        Tensor a = Tensor.managed(DType.F32, 3, 4);
        Tensor b = Tensor.managed(DType.F32, 5, 2);
        Tensor c = Tensor.managed(DType.F32, 3, 2);
        assertMessage(IllegalArgumentException.class, () -> ops.matmul(c, a, b), "gemm", "3x4", "5x2");
        Tensor b2 = Tensor.managed(DType.F32, 4, 3);
        assertMessage(IllegalArgumentException.class, () -> ops.matmul(c, a, b2), "gemm", "3x2", "3x3");
        assertMessage(IllegalArgumentException.class, () -> ops.add(c, a, a), "add", "3x2", "3x4");
        assertMessage(IllegalArgumentException.class, () -> ops.add(a, a, a.transpose()), "add", "4x3", "3x4");
        Tensor bias = Tensor.managed(DType.F32, 1, 3);
        assertMessage(IllegalArgumentException.class, () -> ops.addRowVector(a, a, bias), "addRowVector", "4", "1x3");
        assertMessage(IllegalArgumentException.class, () -> ops.softmaxRows(c, a), "softmaxRows", "3x2", "3x4");
        assertMessage(IllegalArgumentException.class, () -> ops.rowArgmax(new int[2], a), "rowArgmax", "3x4");
        assertMessage(IllegalArgumentException.class,
                () -> ops.gemv(Tensor.managed(DType.F32, 1, 3), 1, a, Tensor.managed(DType.F32, 1, 3), 0),
                "gemv", "3x4");
    }

    @Test
    void mixedDtypesAreRejected() {
        Tensor f = Tensor.managed(DType.F32, 2, 2);
        Tensor d = Tensor.managed(DType.F64, 2, 2);
        assertMessage(IllegalArgumentException.class, () -> ops.add(f, f, d), "add", "f32", "f64");
        assertMessage(IllegalArgumentException.class, () -> ops.matmul(f, d, d), "gemm", "f32", "f64");
    }

    @Test
    void outputsThatOverlapInputsAreRejected() {
        Tensor a = Tensor.managed(DType.F32, 4, 4);
        Tensor b = Tensor.managed(DType.F32, 4, 4);
        assertMessage(IllegalArgumentException.class, () -> ops.matmul(a, a, b), "gemm", "overlaps");
        assertMessage(IllegalArgumentException.class, () -> ops.matmul(b.transpose(), a, b), "gemm", "overlaps");
        // element-wise ops accept an exact alias but not a shifted one
        assertMessage(IllegalArgumentException.class,
                () -> ops.add(a.rows(0, 2), a.rows(1, 3), b.rows(0, 2)), "add", "overlaps");
    }

    @Test
    void invalidActivationSlope() {
        Tensor a = Tensor.managed(DType.F32, 1, 1);
        assertMessage(IllegalArgumentException.class,
                () -> ops.activationForward(Activation.LEAKY_RELU, -0.1, a, a), "slope", "-0.1");
    }

    @Test
    void unknownBackendIsAClearError() {
        assertMessage(IllegalArgumentException.class, () -> Ops.using("cuda"), "cuda", "scalar");
    }

    @Test
    void closedTensorsAreRejectedByEveryKindOfOp() {
        Tensor open = Tensor.managed(DType.F32, 2, 2);
        Tensor closed = Tensor.zeros(DType.F32, 2, 2);
        closed.close();
        assertMessage(IllegalStateException.class, () -> ops.matmul(open, closed, open), "gemm", "closed");
        assertMessage(IllegalStateException.class, () -> ops.add(open, open, closed), "add", "closed");
        assertMessage(IllegalStateException.class, () -> ops.softmaxRows(closed, open), "softmaxRows", "closed");
        assertMessage(IllegalStateException.class, () -> ops.sum(closed), "sum", "closed");
    }
}
