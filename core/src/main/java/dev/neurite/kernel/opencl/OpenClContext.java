package dev.neurite.kernel.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenCL context and in-order command queue on one device. Kernel programs are loaded from
 * {@code .cl} resources beside this class and compiled once per context; kernels are cached too.
 * Not for concurrent use from several threads without outside locking: kernel arguments are
 * per-kernel state in OpenCL.
 */
public final class OpenClContext implements AutoCloseable {

    private final OpenClDevice device;
    private MemorySegment context;
    private MemorySegment queue;
    /** Compiled programs by resource name, so each {@code .cl} file is built once. */
    private final Map<String, MemorySegment> programs = new HashMap<>();
    /** Kernels by "resource#name". */
    private final Map<String, MemorySegment> kernels = new HashMap<>();
    /** Every program this context built, to release on close. */
    private final List<MemorySegment> builtPrograms = new ArrayList<>();

    /** A context on the device {@code -Dneurite.opencl.device} selects. */
    public static OpenClContext open() {
        return new OpenClContext(OpenClDevices.select());
    }

    public OpenClContext(OpenClDevice device) {
        this.device = device;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment ids = arena.allocateFrom(ValueLayout.ADDRESS, device.id());
            context = cl_h.clCreateContext(MemorySegment.NULL, 1, ids, MemorySegment.NULL, MemorySegment.NULL, status);
            ClStatus.check("clCreateContext", status.get(ValueLayout.JAVA_INT, 0));
            queue = cl_h.clCreateCommandQueue(context, device.id(), 0L, status);
            int queueStatus = status.get(ValueLayout.JAVA_INT, 0);
            if (queueStatus != cl_h.CL_SUCCESS()) {
                cl_h.clReleaseContext(context);
                context = null;
                ClStatus.check("clCreateCommandQueue", queueStatus);
            }
        }
    }

    public OpenClDevice device() {
        return device;
    }

    /** A new device buffer of {@code floats} float32 elements; the caller closes it. */
    public OpenClBuffer buffer(long floats) {
        return new OpenClBuffer(this, ClType.FLOAT32, floats);
    }

    /**
     * A new device buffer of {@code length} elements of {@code type}; the caller closes it.
     *
     * @throws OpenClException for {@link ClType#FLOAT64} on a device without fp64, or when device
     *     memory is exhausted
     */
    public OpenClBuffer buffer(ClType type, long length) {
        if (type == ClType.FLOAT64) {
            requireFp64();
        }
        return new OpenClBuffer(this, type, length);
    }

    /** Throws a clear error when this context's device cannot compute in double precision. */
    void requireFp64() {
        if (!device.fp64()) {
            throw new OpenClException("OpenCL device " + device.describe()
                    + " does not support double precision (cl_khr_fp64): use float32 tensors or another device");
        }
    }

    /** Waits until every queued command has finished. */
    public void finish() {
        ClStatus.check("clFinish", cl_h.clFinish(queue()));
    }

    /** The kernel {@code name} from resource {@code resource}, compiling the program on first use. */
    MemorySegment kernel(String resource, String name) {
        return kernel(resource, name, "");
    }

    /**
     * The kernel {@code name} from resource {@code resource} built for {@code precision}: the
     * source sees {@code REAL} defined as {@code float} or {@code double} (and
     * {@code REAL_IS_DOUBLE} as 0 or 1). Each (resource, precision) is compiled once.
     */
    MemorySegment kernel(String resource, String name, ClType precision) {
        if (precision == ClType.FLOAT64) {
            requireFp64();
        }
        return kernel(resource, name, precision.buildOptions());
    }

    /**
     * {@link #kernel(String, String, ClType)} with {@code extraOptions} appended to the build
     * options, e.g. {@code -cl-fp32-correctly-rounded-divide-sqrt}; each distinct option string
     * is a separate build.
     */
    MemorySegment kernel(String resource, String name, ClType precision, String extraOptions) {
        if (precision == ClType.FLOAT64) {
            requireFp64();
        }
        return kernel(resource, name, precision.buildOptions() + " " + extraOptions);
    }

    private MemorySegment kernel(String resource, String name, String options) {
        String key = resource + "#" + options + "#" + name;
        MemorySegment kernel = kernels.get(key);
        if (kernel == null) {
            String programKey = resource + "#" + options;
            MemorySegment program = programs.get(programKey);
            if (program == null) {
                program = build(resource, loadSource(resource), options);
                programs.put(programKey, program);
            }
            kernel = createKernel(program, name);
            kernels.put(key, kernel);
        }
        return kernel;
    }

    /**
     * Compiles {@code source}; released with this context. Throws {@link OpenClBuildException}
     * with the compiler's log when the source does not compile.
     */
    MemorySegment build(String name, String source) {
        return build(name, source, "");
    }

    /** {@link #build(String, String)} with compiler options such as {@code -DREAL=float}. */
    MemorySegment build(String name, String source, String options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment text = arena.allocateFrom(source, StandardCharsets.UTF_8);
            MemorySegment strings = arena.allocateFrom(ValueLayout.ADDRESS, text);
            MemorySegment program = cl_h.clCreateProgramWithSource(handle(), 1, strings, MemorySegment.NULL, status);
            ClStatus.check("clCreateProgramWithSource", status.get(ValueLayout.JAVA_INT, 0));
            MemorySegment ids = arena.allocateFrom(ValueLayout.ADDRESS, device.id());
            int built = cl_h.clBuildProgram(program, 1, ids, arena.allocateFrom(options), MemorySegment.NULL,
                    MemorySegment.NULL);
            if (built != cl_h.CL_SUCCESS()) {
                String log = buildLog(arena, program);
                cl_h.clReleaseProgram(program);
                throw new OpenClBuildException(options.isEmpty() ? name : name + " [" + options + "]", built, log);
            }
            builtPrograms.add(program);
            return program;
        }
    }

    private String buildLog(Arena arena, MemorySegment program) {
        MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
        int status = cl_h.clGetProgramBuildInfo(program, device.id(), cl_h.CL_PROGRAM_BUILD_LOG(), 0,
                MemorySegment.NULL, size);
        if (status != cl_h.CL_SUCCESS()) {
            return "(no build log: " + ClStatus.message("clGetProgramBuildInfo", status) + ")";
        }
        MemorySegment log = arena.allocate(Math.max(1, size.get(ValueLayout.JAVA_LONG, 0)));
        status = cl_h.clGetProgramBuildInfo(program, device.id(), cl_h.CL_PROGRAM_BUILD_LOG(), log.byteSize(),
                log, MemorySegment.NULL);
        return status == cl_h.CL_SUCCESS() ? log.getString(0).strip()
                : "(no build log: " + ClStatus.message("clGetProgramBuildInfo", status) + ")";
    }

    private static MemorySegment createKernel(MemorySegment program, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment kernel = cl_h.clCreateKernel(program, arena.allocateFrom(name), status);
            ClStatus.check("clCreateKernel(" + name + ")", status.get(ValueLayout.JAVA_INT, 0));
            return kernel;
        }
    }

    private static String loadSource(String resource) {
        try (InputStream in = OpenClContext.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new OpenClException("OpenCL kernel source " + resource + " is not on the class path (next to "
                        + OpenClContext.class.getName() + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenCL kernel source " + resource, e);
        }
    }

    /** The {@code cl_context}; throws once closed. */
    MemorySegment handle() {
        if (context == null) {
            throw new IllegalStateException("OpenCL context is closed");
        }
        return context;
    }

    /** The {@code cl_command_queue}; throws once closed. */
    MemorySegment queue() {
        if (queue == null) {
            throw new IllegalStateException("OpenCL context is closed");
        }
        return queue;
    }

    /** Releases kernels, programs, queue and context; buffers must be closed by their owners first. */
    @Override
    public void close() {
        if (context == null) {
            return;
        }
        cl_h.clFinish(queue);
        kernels.values().forEach(cl_h::clReleaseKernel);
        kernels.clear();
        builtPrograms.forEach(cl_h::clReleaseProgram);
        builtPrograms.clear();
        programs.clear();
        cl_h.clReleaseCommandQueue(queue);
        cl_h.clReleaseContext(context);
        queue = null;
        context = null;
    }
}
