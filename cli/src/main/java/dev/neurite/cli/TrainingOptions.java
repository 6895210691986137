package dev.neurite.cli;

import picocli.CommandLine.Option;

/** The network and training options shared by train, cv and search. */
final class TrainingOptions {

    @Option(names = "--layers", paramLabel = "SIZES", defaultValue = "128",
            description = "Hidden layer sizes, e.g. 256,128; 'none' for no hidden layer (default: ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation: relu, leaky-relu, sigmoid, tanh, identity (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--optimizer", defaultValue = "adam",
            description = "sgd, momentum, nesterov, rmsprop, adam, adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--schedule", defaultValue = "none",
            description = "none, step:S:G, exp:RATE[:STEP], cosine[:ETA_MIN], plateau[:FACTOR[:PATIENCE]] (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout after each hidden activation (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--batchnorm", description = "Batch normalisation after each hidden Dense layer.")
    boolean batchNorm;

    @Option(names = "--l1", defaultValue = "0", description = "L1 penalty (default: ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--l2", defaultValue = "0", description = "L2 weight decay; decoupled with adamw (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--clip-norm", defaultValue = "0", description = "Clip gradients to this global L2 norm (0: off).")
    double clipNorm;

    @Option(names = "--clip-value", defaultValue = "0", description = "Clip gradients to [-V, V] (0: off).")
    double clipValue;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", defaultValue = "0",
            description = "Stop after PATIENCE epochs without a better validation loss, keeping the best weights (0: off); "
                    + "needs --validation > 0 (in cv and search --folds, each fold holds out its own validation rows).")
    int earlyStopping;

    @Option(names = "--validation", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Fraction of the training rows held out for validation, stratified for classification (0: none; default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--scaler", defaultValue = "standard",
            description = "Feature scaling fitted on training rows: standard, minmax, none (default: ${DEFAULT-VALUE}).")
    String scaler;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of splits, weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", defaultValue = "cpu",
            description = "Where training steps run: cpu (the kernel backend), opencl (the model and optimizer state "
                    + "move to the OpenCL device -Dneurite.opencl.device selects for the fit) or opencl:INDEX|NAME "
                    + "(default: ${DEFAULT-VALUE}).")
    String device;

    TrainingSettings settings() {
        if (!(validation >= 0 && validation < 1)) {
            throw new IllegalArgumentException("--validation must be in [0, 1), got " + validation);
        }
        if (earlyStopping > 0 && validation == 0) {
            throw new IllegalArgumentException("--early-stopping needs validation data to watch: give --validation > 0 "
                    + "(it is " + validation + ")");
        }
        return new TrainingSettings(TrainingSettings.parseLayers(layers), activation, optimizer, lr, schedule, epochs,
                batchSize, dropout, batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
    }
}
