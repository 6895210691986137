package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Dataset;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Sequential;
import dev.neurite.pipeline.Preprocessing;
import dev.neurite.pipeline.Task;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void nonFiniteOutputsAreNotScoredAsAClass() {
        try (Sequential model = new Sequential(1, DType.F32, 1, new Dense(1, 2))) {
            model.parameters().get(0).value().copyFrom(new double[] {3e38, -3e38});
            Tensor x = Tensor.managed(DType.F32, 2, 1);
            x.copyFrom(new double[] {0.5, 3e38});
            Tensor y = Tensor.managed(DType.F32, 2, 1);
            y.copyFrom(new double[] {1, 0});
            Dataset data = new Dataset(x, y, List.of("a", "b"), List.of("f"));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Evaluation.of(Task.CLASSIFICATION, model, Preprocessing.none(), data));
            assertTrue(e.getMessage().contains("output for data row 2 is"), e.getMessage());
        }
    }
}
