package dev.neurite.report;

import dev.neurite.metrics.Average;
import dev.neurite.metrics.ClassificationMetrics;
import dev.neurite.metrics.ConfusionMatrix;
import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Ops;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.EpochLogs;
import dev.neurite.train.History;
import dev.neurite.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a realistic sample report for looking at: a small network trained for 12 epochs on
 * synthetic data shaped like Fashion-MNIST's confusions (tops confused with each other, shoes with
 * shoes, trousers and bags apart), compared with a linear model and a majority-class baseline.
 * Run with the output directory as the argument.
 */
public final class ReportSample {

    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Coarse group of each class: 0 tops, 1 trousers, 2 shoes, 3 bags. */
    private static final int[] GROUP = {0, 1, 0, 0, 0, 2, 0, 2, 3, 2};
    /** How far a class sits from its group's centre; shirts are the hardest, as in Fashion-MNIST. */
    private static final double[] SPREAD = {1.7, 3.5, 1.6, 2.0, 1.6, 2.2, 0.9, 2.2, 3.5, 2.4};
    private static final int FEATURES = 16;

    private ReportSample() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/report-sample");
        Random random = new Random(42);
        double[][] groupCentre = new double[4][FEATURES];
        double[][] centre = new double[CLASSES.size()][FEATURES];
        for (double[] g : groupCentre) {
            fillGaussian(g, random, 3.0);
        }
        for (int c = 0; c < CLASSES.size(); c++) {
            fillGaussian(centre[c], random, SPREAD[c] / Math.sqrt(FEATURES) * 1.6);
            for (int j = 0; j < FEATURES; j++) {
                centre[c][j] += groupCentre[GROUP[c]][j];
            }
        }
        Tensor[] train = sample(centre, 6000, random);
        Tensor[] test = sample(centre, 2000, random);

        Sequential mlp = new Sequential(FEATURES, 7, new Dense(FEATURES, 64), new ReLU(), new Dense(64, CLASSES.size()));
        SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss();
        History history = new Trainer(mlp, loss, new Adam(mlp.parameters(), 3e-3))
                .epochs(12).batchSize(64).seed(3).validation(test[0], test[1]).fit(train[0], train[1]);

        Sequential linear = new Sequential(FEATURES, 8, new Dense(FEATURES, CLASSES.size()));
        History linearHistory = new Trainer(linear, new SoftmaxCrossEntropyLoss(), new Adam(linear.parameters(), 1e-2))
                .epochs(12).batchSize(64).seed(4).fit(train[0], train[1]);

        int[] yTest = labels(test[1]);
        Tensor probabilities = Tensor.managed(DType.F32, yTest.length, CLASSES.size());
        Ops.get().softmaxRows(probabilities, mlp.predict(test[0]));
        int[] majority = new int[yTest.length];
        java.util.Arrays.fill(majority, mostFrequent(labels(train[1])));

        Report report = Report.builder("Fashion-MNIST-like MLP (synthetic sample)")
                .command("./neurite train --data fashion-mnist --model mlp --hidden 64 --epochs 12 --lr 3e-3 "
                        + "--batch-size 64 --out out/fashion")
                .history(history)
                .classification(yTest, probabilities, CLASSES)
                .comparison("MLP 16-64-10", metrics(yTest, ClassificationMetrics.predictions(probabilities), trainingSeconds(history)))
                .comparison("Linear (softmax regression)", metrics(yTest, Ops.get().rowArgmax(linear.predict(test[0])),
                        trainingSeconds(linearHistory)))
                .comparison("Majority class", metrics(yTest, majority, Double.NaN))
                .table("Data", List.of("split", "samples", "features", "classes"), List.of(
                        List.of("training", "6,000", Integer.toString(FEATURES), "10"),
                        List.of("test (also validation)", "2,000", Integer.toString(FEATURES), "10")))
                .note("Model saved to out/fashion/model.json and out/fashion/model.safetensors.")
                .note("The data are synthetic Gaussian clusters grouped like Fashion-MNIST's classes:\n"
                        + "tops are close to each other, shoes to shoes; trousers and bags stand apart.")
                .build();
        System.out.println(report.writeTo(out));
    }

    /** The training time the trainer itself logged, summed over epochs. */
    private static double trainingSeconds(History h) {
        return h.epochs().stream().mapToDouble(EpochLogs::seconds).sum();
    }

    private static Map<String, Double> metrics(int[] yTrue, int[] yPred, double seconds) {
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred, CLASSES.size());
        return Double.isNaN(seconds)
                ? Map.of("accuracy", cm.accuracy(), "macro_f1", cm.f1(Average.MACRO))
                : Map.of("accuracy", cm.accuracy(), "macro_f1", cm.f1(Average.MACRO), "seconds", seconds);
    }

    private static void fillGaussian(double[] v, Random random, double scale) {
        for (int j = 0; j < v.length; j++) {
            v[j] = scale * random.nextGaussian();
        }
    }

    private static Tensor[] sample(double[][] centre, int n, Random random) {
        Tensor x = Tensor.managed(DType.F32, n, FEATURES);
        Tensor y = Tensor.managed(DType.F32, n, 1);
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(centre.length);
            for (int j = 0; j < FEATURES; j++) {
                x.set(i, j, centre[c][j] + random.nextGaussian());
            }
            y.set(i, 0, c);
        }
        return new Tensor[] {x, y};
    }

    private static int[] labels(Tensor y) {
        int[] out = new int[y.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) y.get(i, 0);
        }
        return out;
    }

    private static int mostFrequent(int[] labels) {
        int[] counts = new int[CLASSES.size()];
        for (int y : labels) {
            counts[y]++;
        }
        int best = 0;
        for (int c = 1; c < counts.length; c++) {
            best = counts[c] > counts[best] ? c : best;
        }
        return best;
    }
}
