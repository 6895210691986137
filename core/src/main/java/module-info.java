/**
 * Neurite's library: tensors over off-heap memory, the numerics kernels behind one contract
 * (scalar, the Vector API, OpenBLAS and OpenCL through the FFM API), layers, losses, optimizers,
 * training, data and preprocessing, splits, metrics, search and model files.
 *
 * <p>Run it with {@code --add-modules jdk.incubator.vector} for the {@code simd} backend and
 * {@code --enable-native-access=dev.neurite.core} (on the class path: {@code ALL-UNNAMED}) for
 * OpenBLAS and OpenCL; without either, the kernels fall back to the next backend with one warning
 * that names the missing flag. The backend implementations ({@code dev.neurite.kernel.scalar},
 * {@code .simd}, {@code .blas}, {@code .opencl}) are not exported.
 */
module dev.neurite.core {
    requires java.logging;
    // optional: the simd backend runs when the application adds the incubator module
    requires static jdk.incubator.vector;
    // optional: JIT flags and the machine's memory size, read when the module is present
    requires static jdk.management;

    exports dev.neurite.tensor;
    exports dev.neurite.kernel;
    exports dev.neurite.kernel.provider;
    exports dev.neurite.nn;
    exports dev.neurite.nn.init;
    exports dev.neurite.nn.loss;
    exports dev.neurite.optim;
    exports dev.neurite.optim.schedule;
    exports dev.neurite.train;
    exports dev.neurite.data;
    exports dev.neurite.data.preprocess;
    exports dev.neurite.data.split;
    exports dev.neurite.metrics;
    exports dev.neurite.search;
    exports dev.neurite.io;
    exports dev.neurite.pipeline;
}
