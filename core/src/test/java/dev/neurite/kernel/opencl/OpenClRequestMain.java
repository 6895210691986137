package dev.neurite.kernel.opencl;

import dev.neurite.kernel.provider.KernelProvider;
import dev.neurite.nn.Dense;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.SGD;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.Trainer;

/**
 * Child-JVM entry for {@link OpenClErrorsTest}: {@code backend} prints the selected kernel
 * backend; {@code train} trains a tiny model with {@code Trainer.device("opencl")}. Errors
 * propagate, so the exit status and stderr show what a user would see.
 */
public final class OpenClRequestMain {

    private OpenClRequestMain() {
    }

    public static void main(String[] args) {
        if (args[0].equals("backend")) {
            System.out.println(KernelProvider.selection().describe());
            return;
        }
        try (Sequential model = new Sequential(2, 1, new Dense(2, 2))) {
            Tensor x = Tensor.of(new float[] {0, 1, 1, 0}, 2, 2);
            Tensor y = Tensor.of(new float[] {0, 1}, 2, 1);
            new Trainer(model, new SoftmaxCrossEntropyLoss(), new SGD(model.parameters(), 0.1)).device("opencl")
                    .fit(x, y);
            System.out.println("trained");
        }
    }
}
