import dev.neurite.io.LoadedModel;
import dev.neurite.io.ModelIO;
import dev.neurite.tensor.Tensor;
import java.nio.file.Path;

/** The smallest Java program that uses a saved model: load it, predict one row, print the first score. */
public final class LoadAndPredict {
    public static void main(String[] args) throws Exception {
        try (LoadedModel loaded = ModelIO.load(Path.of(args[0]))) {
            int features = loaded.model().inputFeatures();
            float[] row = new float[features];
            for (int i = 0; i < features; i++) {
                row[i] = (i % 7) / 7f;
            }
            try (Tensor x = Tensor.of(row, 1, features); Tensor y = loaded.model().predict(x)) {
                System.out.println(y.get(0, 0));
            }
        }
    }
}
