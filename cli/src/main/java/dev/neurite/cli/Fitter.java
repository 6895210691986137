package dev.neurite.cli;

import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.Loss;
import dev.neurite.optim.Optimizer;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.Callback;
import dev.neurite.train.EarlyStopping;
import dev.neurite.train.History;
import dev.neurite.train.NanGuard;
import dev.neurite.train.Trainer;

/** Trains a model with the {@link Trainer} as the settings say. */
final class Fitter {

    private Fitter() {
    }

    /**
     * Trains {@code model} on {@code (x, y)}, validating on {@code (xv, yv)} when they are not
     * null, with the settings' optimizer, clipping, schedule, early stopping, a NaN guard and
     * {@code extra} callbacks (a progress bar).
     */
    static History fit(Sequential model, Loss loss, TrainingSettings s, Tensor x, Tensor y, Tensor xv, Tensor yv,
                       Callback... extra) {
        Optimizer opt = Networks.optimizer(model, s);
        Trainer trainer = new Trainer(model, loss, opt)
                .clipGradNorm(s.clipNorm())
                .clipGradValue(s.clipValue())
                .epochs(s.epochs())
                .batchSize(s.batchSize())
                .seed(s.seed())
                .device(s.device())
                .scheduler(Networks.scheduler(s.schedule(), opt, s.epochs()));
        if (xv != null) {
            trainer.validation(xv, yv);
        }
        if (s.earlyStopping() > 0) {
            if (xv == null) {
                throw new IllegalArgumentException("--early-stopping needs validation data: give --validation > 0");
            }
            trainer.callbacks(new EarlyStopping(s.earlyStopping()));
        }
        trainer.callbacks(new NanGuard());
        trainer.callbacks(extra);
        return trainer.fit(x, y);
    }
}
