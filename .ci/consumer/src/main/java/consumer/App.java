package consumer;

import dev.neurite.io.LoadedModel;
import dev.neurite.io.Metadata;
import dev.neurite.io.ModelIO;
import dev.neurite.kernel.provider.KernelProvider;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.Tanh;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Trains XOR, saves, loads and predicts; prints one line the CI check reads. */
public final class App {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("consumer-model");
        try (Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
             Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1)) {
            try (Sequential model = new Sequential(2, 42, new Dense(2, 8), new Tanh(), new Dense(8, 2))) {
                new Trainer(model, new SoftmaxCrossEntropyLoss(), new Adam(model.parameters(), 0.05))
                        .epochs(200).batchSize(4).fit(x, y);
                ModelIO.save(model, dir, Metadata.empty());
            }
            try (LoadedModel loaded = ModelIO.load(dir); Tensor out = loaded.model().predict(x)) {
                int[] predicted = Ops.get().rowArgmax(out);
                System.out.println("CONSUMER predicted=" + Arrays.toString(predicted).replace(" ", "")
                        + " backend=" + KernelProvider.selection().kernels().name()
                        + " module=" + (App.class.getModule().isNamed() ? "named" : "unnamed"));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
