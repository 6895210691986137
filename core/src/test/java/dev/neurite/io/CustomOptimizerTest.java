package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Config;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Parameter;
import dev.neurite.nn.Sequential;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.OptimizerTypes;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An optimizer the library does not know checkpoints and resumes once its type is registered. */
class CustomOptimizerTest {

    /** w -= lr * scale * g, element by element; one setting, no state. */
    static class ScaledSgd extends Optimizer {
        private double scale = 1;

        ScaledSgd(List<Parameter> parameters, double lr) {
            super(parameters, lr);
        }

        @Override
        public String typeName() {
            return "TestScaledSgd";
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("scale", scale);
        }

        @Override
        public void loadConfig(Config config) {
            scale = config.number("scale");
        }

        @Override
        protected void update(long t) {
            for (Parameter p : parameters()) {
                Tensor w = p.value();
                Tensor g = p.grad();
                for (int i = 0; i < w.rows(); i++) {
                    for (int j = 0; j < w.cols(); j++) {
                        w.set(i, j, w.get(i, j) - learningRate() * scale * g.get(i, j));
                    }
                }
            }
        }

        @Override
        protected List<String> stateSlots() {
            return List.of();
        }
    }

    @TempDir
    Path dir;

    @Test
    void aRegisteredOptimizerCheckpointsItsSettingsAndResumes() throws IOException {
        OptimizerTypes.register("TestScaledSgd", ScaledSgd::new);
        try (Sequential model = new Sequential(3, 5, new Dense(3, 2))) {
            ScaledSgd optimizer = new ScaledSgd(model.parameters(), 0.25);
            optimizer.scale = 3.5;
            Checkpoint.save(dir, model, optimizer, 4, Metadata.empty());
            try (LoadedCheckpoint loaded = Checkpoint.load(dir)) {
                Optimizer back = loaded.optimizer();
                assertEquals("TestScaledSgd", back.typeName());
                assertEquals(0.25, back.learningRate());
                assertEquals(Map.of("scale", 3.5), back.config());
            }
        }
    }

    @Test
    void anUnregisteredOptimizerIsRefusedByName() {
        try (Sequential model = new Sequential(3, 5, new Dense(3, 2))) {
            Optimizer unknown = new ScaledSgd(model.parameters(), 0.1) {
                @Override
                public String typeName() {
                    return "TestNeverRegistered";
                }
            };
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoint.save(dir, model, unknown, 1, Metadata.empty()));
            assertTrue(e.getMessage().contains("OptimizerTypes.register(\"TestNeverRegistered\""), e.getMessage());
        }
    }
}
