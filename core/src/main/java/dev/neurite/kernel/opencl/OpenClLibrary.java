package dev.neurite.kernel.opencl;

import dev.neurite.kernel.NativeAccess;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Loads the OpenCL ICD loader once and remembers why it could not be loaded. {@link cl_h} resolves its
 * symbols in static initialisers, where a failure would surface as an
 * {@link ExceptionInInitializerError}; checking the library and every symbol here first turns
 * that into a reason that backend selection can report.
 */
@SuppressWarnings("restricted") // native access is enabled with --enable-native-access
final class OpenClLibrary {

    /** System property naming the library file or soname. */
    static final String PROPERTY = "neurite.opencl.library";
    /** The Debian {@code ocl-icd-libopencl1} soname, found by the dynamic linker. */
    static final String DEFAULT_LIBRARY = "libOpenCL.so.1";

    /** Every symbol {@link cl_h} binds; all must resolve before any holder class loads. */
    static final List<String> SYMBOLS = List.of(
            "clGetPlatformIDs", "clGetPlatformInfo", "clGetDeviceIDs", "clGetDeviceInfo",
            "clCreateContext", "clCreateCommandQueue", "clCreateBuffer", "clEnqueueWriteBuffer",
            "clEnqueueReadBuffer", "clCreateProgramWithSource", "clBuildProgram", "clGetProgramBuildInfo",
            "clCreateKernel", "clSetKernelArg", "clEnqueueNDRangeKernel", "clFinish", "clReleaseMemObject",
            "clReleaseKernel", "clReleaseProgram", "clReleaseCommandQueue", "clReleaseContext");

    /** {@code installed}: false only when the library was not found or is not the right one. */
    private record State(String path, SymbolLookup lookup, String problem, boolean installed) {
    }

    private static final State STATE = load(path());

    private OpenClLibrary() {
    }

    /** The library this JVM loads: {@code -Dneurite.opencl.library}, else {@link #DEFAULT_LIBRARY}. */
    static String path() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? DEFAULT_LIBRARY : value.trim();
    }

    private static State load(String path) {
        SymbolLookup lookup;
        try {
            // a bare soname goes through the dynamic linker's search path, a path is opened as is
            lookup = SymbolLookup.libraryLookup(path, Arena.global());
        } catch (IllegalArgumentException e) {
            return new State(path, null, e.getMessage(), false);
        } catch (IllegalCallerException e) {
            // --illegal-native-access=deny (the announced default) without --enable-native-access
            return new State(path, null, NativeAccess.deniedMessage(OpenClLibrary.class.getModule()), true);
        }
        for (String symbol : SYMBOLS) {
            try {
                lookup.find(symbol).orElseThrow();
            } catch (NoSuchElementException e) {
                return new State(path, null, "symbol " + symbol + " not found (not an OpenCL 1.2 library?)", false);
            }
        }
        return new State(path, lookup, null, true);
    }

    /** Whether the library and all its symbols were found. */
    static boolean isLoaded() {
        return STATE.problem() == null;
    }

    /** Why the library cannot be used, for error messages; call only when not loaded. */
    static String failure() {
        return "OpenCL not loadable: " + STATE.path() + ": " + STATE.problem()
                + (STATE.installed() ? "" : " (install Debian ocl-icd-libopencl1, and a driver such as pocl-opencl-icd)");
    }

    /** Throws {@link UnsupportedOperationException} with {@link #failure()} unless loaded. */
    static void requireLoaded() {
        if (!isLoaded()) {
            throw new UnsupportedOperationException(failure());
        }
    }

    /** The library's symbols. */
    static SymbolLookup lookup() {
        requireLoaded();
        return STATE.lookup();
    }

    /** The path or soname this JVM asked for. */
    static String requestedPath() {
        return STATE.path();
    }
}
