/**
 * OpenCL devices through the FFM API. {@link dev.neurite.kernel.opencl.OpenClKernels} is the
 * {@code opencl} backend, used only on request: it copies every operand to the device and back per
 * call. Tensors placed on an OpenCL device use {@link dev.neurite.kernel.opencl.OpenClBackend}
 * instead (the {@code DeviceBackend} of {@code Device.opencl()}): an
 * {@link dev.neurite.kernel.opencl.OpenClContext}, {@link dev.neurite.kernel.opencl.OpenClBuffer}s
 * and the kernels of {@link dev.neurite.kernel.opencl.OpenClOps},
 * {@link dev.neurite.kernel.opencl.OpenClRowOps} and {@link dev.neurite.kernel.opencl.OpenClGemm},
 * built from {@code .cl} sources for
 * {@code float} or {@code double} ({@link dev.neurite.kernel.opencl.ClType});
 * {@link dev.neurite.kernel.opencl.OpenClDevices} finds devices, picked by
 * {@code -Dneurite.opencl.device}. {@link dev.neurite.kernel.opencl.cl_h} holds the bindings to the
 * OpenCL ICD loader, hand-written in jextract's style from a trimmed header; failures are
 * {@link dev.neurite.kernel.opencl.OpenClException}s naming the status code.
 */
package dev.neurite.kernel.opencl;
