package dev.neurite.train;

/**
 * Where the steps of an epoch run, so that {@link Trainer} has one loop: {@link HostSteps} on the
 * kernel backend, {@link DeviceSteps} on an OpenCL device. Between epochs the host model and
 * optimizer hold the truth (callbacks may read, save or change them).
 */
interface EpochSteps extends AutoCloseable {

    /** Before the first step of an epoch, after the batches were shuffled. */
    void beginEpoch(MiniBatches batches);

    /** Runs step {@code step} of {@code epoch}, adds it to {@code metrics} and returns the batch's mean loss. */
    double step(int epoch, int step, MiniBatches batches, BatchMetrics metrics);

    /** After the last step of an epoch, or after a step at which training stopped. */
    void endEpoch();

    @Override
    void close();
}
