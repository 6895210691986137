package dev.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The new layers in float32 agree with the float64 model built from the same seed. */
class Float32LayersTest {

    /** float32 rounding through a few normalised layers stays well below this. */
    private static final double FLOAT32_TOLERANCE = 1e-4;

    @Test
    void forwardAndBackwardMatchFloat64() {
        Supplier<Layer[]> layers = () -> new Layer[] {new Dense(5, 8, false), new BatchNorm(8), new Tanh(),
            new Dropout(0.3), new Dense(8, 6), new LayerNorm(6), new Dense(6, 3), new Softmax()};
        Tensor x64 = GradientChecks.gaussian(3, 10, 5);
        Tensor dY64 = GradientChecks.gaussian(4, 10, 3);
        Tensor x32 = Tensor.managed(DType.F32, 10, 5);
        x32.copyFrom(x64.toFloatArray());
        Tensor dY32 = Tensor.managed(DType.F32, 10, 3);
        dY32.copyFrom(dY64.toFloatArray());
        try (Sequential m64 = new Sequential(5, DType.F64, 9, layers.get());
             Sequential m32 = new Sequential(5, DType.F32, 9, layers.get())) {
            assertArrayEquals(m64.forward(x64).toDoubleArray(), m32.forward(x32).toDoubleArray(), FLOAT32_TOLERANCE);
            assertArrayEquals(m64.backward(dY64).toDoubleArray(), m32.backward(dY32).toDoubleArray(),
                    FLOAT32_TOLERANCE);
            for (int i = 0; i < m64.parameters().size(); i++) {
                assertArrayEquals(m64.parameters().get(i).grad().toDoubleArray(),
                        m32.parameters().get(i).grad().toDoubleArray(), FLOAT32_TOLERANCE);
            }
            m64.eval();
            m32.eval();
            assertArrayEquals(m64.predict(x64).toDoubleArray(), m32.predict(x32).toDoubleArray(), FLOAT32_TOLERANCE);
        }
    }
}
