// Generated in the style of jextract from native/opencl/cl_trimmed.h with the function list
// native/opencl/includes.txt (see native/regenerate-opencl-bindings.sh). Written by hand because
// jextract is not available in every build environment: keep it in sync with the header, and prefer
// regenerating over editing. Departures from jextract output: SYMBOL_LOOKUP comes from
// OpenClLibrary, so that the library path is configurable and a missing library is reported as a
// reason instead of an ExceptionInInitializerError; "restricted" warnings are suppressed (the build
// lints with -Xlint:all); only the descriptor-free wrappers and handles are kept, javadoc is one
// line each.

package dev.neurite.kernel.opencl;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

@SuppressWarnings({"unused", "restricted"})
public class cl_h {

    cl_h() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = OpenClLibrary.lookup();

    static MemorySegment findOrThrow(String symbol) {
        return SYMBOL_LOOKUP.find(symbol)
            .orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol));
    }

    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

    private static final int CL_SUCCESS = (int)0L;
    /**
     * {@snippet lang=c :
     * #define CL_SUCCESS 0
     * }
     */
    public static int CL_SUCCESS() {
        return CL_SUCCESS;
    }
    private static final int CL_FALSE = (int)0L;
    /**
     * {@snippet lang=c :
     * #define CL_FALSE 0
     * }
     */
    public static int CL_FALSE() {
        return CL_FALSE;
    }
    private static final int CL_TRUE = (int)1L;
    /**
     * {@snippet lang=c :
     * #define CL_TRUE 1
     * }
     */
    public static int CL_TRUE() {
        return CL_TRUE;
    }
    private static final int CL_PLATFORM_VERSION = (int)2305L;
    /**
     * {@snippet lang=c :
     * #define CL_PLATFORM_VERSION 0x901
     * }
     */
    public static int CL_PLATFORM_VERSION() {
        return CL_PLATFORM_VERSION;
    }
    private static final int CL_PLATFORM_NAME = (int)2306L;
    /**
     * {@snippet lang=c :
     * #define CL_PLATFORM_NAME 0x902
     * }
     */
    public static int CL_PLATFORM_NAME() {
        return CL_PLATFORM_NAME;
    }
    private static final int CL_PLATFORM_VENDOR = (int)2307L;
    /**
     * {@snippet lang=c :
     * #define CL_PLATFORM_VENDOR 0x903
     * }
     */
    public static int CL_PLATFORM_VENDOR() {
        return CL_PLATFORM_VENDOR;
    }
    private static final int CL_DEVICE_TYPE = (int)4096L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_TYPE 0x1000
     * }
     */
    public static int CL_DEVICE_TYPE() {
        return CL_DEVICE_TYPE;
    }
    private static final int CL_DEVICE_MAX_COMPUTE_UNITS = (int)4098L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_MAX_COMPUTE_UNITS 0x1002
     * }
     */
    public static int CL_DEVICE_MAX_COMPUTE_UNITS() {
        return CL_DEVICE_MAX_COMPUTE_UNITS;
    }
    private static final int CL_DEVICE_MAX_WORK_GROUP_SIZE = (int)4100L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_MAX_WORK_GROUP_SIZE 0x1004
     * }
     */
    public static int CL_DEVICE_MAX_WORK_GROUP_SIZE() {
        return CL_DEVICE_MAX_WORK_GROUP_SIZE;
    }
    private static final int CL_DEVICE_MAX_MEM_ALLOC_SIZE = (int)4112L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_MAX_MEM_ALLOC_SIZE 0x1010
     * }
     */
    public static int CL_DEVICE_MAX_MEM_ALLOC_SIZE() {
        return CL_DEVICE_MAX_MEM_ALLOC_SIZE;
    }
    private static final int CL_DEVICE_GLOBAL_MEM_SIZE = (int)4127L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_GLOBAL_MEM_SIZE 0x101f
     * }
     */
    public static int CL_DEVICE_GLOBAL_MEM_SIZE() {
        return CL_DEVICE_GLOBAL_MEM_SIZE;
    }
    private static final int CL_DEVICE_LOCAL_MEM_SIZE = (int)4131L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_LOCAL_MEM_SIZE 0x1023
     * }
     */
    public static int CL_DEVICE_LOCAL_MEM_SIZE() {
        return CL_DEVICE_LOCAL_MEM_SIZE;
    }
    private static final int CL_DEVICE_NAME = (int)4139L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_NAME 0x102b
     * }
     */
    public static int CL_DEVICE_NAME() {
        return CL_DEVICE_NAME;
    }
    private static final int CL_DEVICE_VENDOR = (int)4140L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_VENDOR 0x102c
     * }
     */
    public static int CL_DEVICE_VENDOR() {
        return CL_DEVICE_VENDOR;
    }
    private static final int CL_DEVICE_VERSION = (int)4143L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_VERSION 0x102f
     * }
     */
    public static int CL_DEVICE_VERSION() {
        return CL_DEVICE_VERSION;
    }
    private static final int CL_DEVICE_DOUBLE_FP_CONFIG = (int)4146L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_DOUBLE_FP_CONFIG 0x1032
     * }
     */
    public static int CL_DEVICE_DOUBLE_FP_CONFIG() {
        return CL_DEVICE_DOUBLE_FP_CONFIG;
    }
    private static final int CL_PROGRAM_BUILD_LOG = (int)4483L;
    /**
     * {@snippet lang=c :
     * #define CL_PROGRAM_BUILD_LOG 0x1183
     * }
     */
    public static int CL_PROGRAM_BUILD_LOG() {
        return CL_PROGRAM_BUILD_LOG;
    }
    private static final long CL_MEM_READ_WRITE = 1L;
    /**
     * {@snippet lang=c :
     * #define CL_MEM_READ_WRITE 0x1
     * }
     */
    public static long CL_MEM_READ_WRITE() {
        return CL_MEM_READ_WRITE;
    }
    private static final long CL_MEM_WRITE_ONLY = 2L;
    /**
     * {@snippet lang=c :
     * #define CL_MEM_WRITE_ONLY 0x2
     * }
     */
    public static long CL_MEM_WRITE_ONLY() {
        return CL_MEM_WRITE_ONLY;
    }
    private static final long CL_MEM_READ_ONLY = 4L;
    /**
     * {@snippet lang=c :
     * #define CL_MEM_READ_ONLY 0x4
     * }
     */
    public static long CL_MEM_READ_ONLY() {
        return CL_MEM_READ_ONLY;
    }
    private static final long CL_DEVICE_TYPE_DEFAULT = 1L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_TYPE_DEFAULT 0x1
     * }
     */
    public static long CL_DEVICE_TYPE_DEFAULT() {
        return CL_DEVICE_TYPE_DEFAULT;
    }
    private static final long CL_DEVICE_TYPE_CPU = 2L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_TYPE_CPU 0x2
     * }
     */
    public static long CL_DEVICE_TYPE_CPU() {
        return CL_DEVICE_TYPE_CPU;
    }
    private static final long CL_DEVICE_TYPE_GPU = 4L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_TYPE_GPU 0x4
     * }
     */
    public static long CL_DEVICE_TYPE_GPU() {
        return CL_DEVICE_TYPE_GPU;
    }
    private static final long CL_DEVICE_TYPE_ACCELERATOR = 8L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_TYPE_ACCELERATOR 0x8
     * }
     */
    public static long CL_DEVICE_TYPE_ACCELERATOR() {
        return CL_DEVICE_TYPE_ACCELERATOR;
    }
    private static final long CL_DEVICE_TYPE_CUSTOM = 16L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_TYPE_CUSTOM 0x10
     * }
     */
    public static long CL_DEVICE_TYPE_CUSTOM() {
        return CL_DEVICE_TYPE_CUSTOM;
    }
    private static final long CL_DEVICE_TYPE_ALL = 4294967295L;
    /**
     * {@snippet lang=c :
     * #define CL_DEVICE_TYPE_ALL 0xffffffff
     * }
     */
    public static long CL_DEVICE_TYPE_ALL() {
        return CL_DEVICE_TYPE_ALL;
    }

    private static class clGetPlatformIDs {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clGetPlatformIDs");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clGetPlatformIDs(cl_uint num_entries, cl_platform_id *platforms, cl_uint *num_platforms)
     * }
     */
    public static MethodHandle clGetPlatformIDs$handle() {
        return clGetPlatformIDs.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clGetPlatformIDs(cl_uint num_entries, cl_platform_id *platforms, cl_uint *num_platforms)
     * }
     */
    public static int clGetPlatformIDs(int num_entries, MemorySegment platforms, MemorySegment num_platforms) {
        var mh$ = clGetPlatformIDs.HANDLE;
        try {
            return (int) mh$.invokeExact(num_entries, platforms, num_platforms);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clGetPlatformInfo {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_LONG,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clGetPlatformInfo");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clGetPlatformInfo(cl_platform_id platform, cl_platform_info param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret)
     * }
     */
    public static MethodHandle clGetPlatformInfo$handle() {
        return clGetPlatformInfo.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clGetPlatformInfo(cl_platform_id platform, cl_platform_info param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret)
     * }
     */
    public static int clGetPlatformInfo(MemorySegment platform, int param_name, long param_value_size, MemorySegment param_value, MemorySegment param_value_size_ret) {
        var mh$ = clGetPlatformInfo.HANDLE;
        try {
            return (int) mh$.invokeExact(platform, param_name, param_value_size, param_value, param_value_size_ret);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clGetDeviceIDs {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_LONG,
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clGetDeviceIDs");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clGetDeviceIDs(cl_platform_id platform, cl_device_type device_type, cl_uint num_entries, cl_device_id *devices, cl_uint *num_devices)
     * }
     */
    public static MethodHandle clGetDeviceIDs$handle() {
        return clGetDeviceIDs.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clGetDeviceIDs(cl_platform_id platform, cl_device_type device_type, cl_uint num_entries, cl_device_id *devices, cl_uint *num_devices)
     * }
     */
    public static int clGetDeviceIDs(MemorySegment platform, long device_type, int num_entries, MemorySegment devices, MemorySegment num_devices) {
        var mh$ = clGetDeviceIDs.HANDLE;
        try {
            return (int) mh$.invokeExact(platform, device_type, num_entries, devices, num_devices);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clGetDeviceInfo {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_LONG,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clGetDeviceInfo");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clGetDeviceInfo(cl_device_id device, cl_device_info param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret)
     * }
     */
    public static MethodHandle clGetDeviceInfo$handle() {
        return clGetDeviceInfo.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clGetDeviceInfo(cl_device_id device, cl_device_info param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret)
     * }
     */
    public static int clGetDeviceInfo(MemorySegment device, int param_name, long param_value_size, MemorySegment param_value, MemorySegment param_value_size_ret) {
        var mh$ = clGetDeviceInfo.HANDLE;
        try {
            return (int) mh$.invokeExact(device, param_name, param_value_size, param_value, param_value_size_ret);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clCreateContext {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clCreateContext");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_context clCreateContext(const cl_context_properties *properties, cl_uint num_devices, const cl_device_id *devices, void *pfn_notify, void *user_data, cl_int *errcode_ret)
     * }
     */
    public static MethodHandle clCreateContext$handle() {
        return clCreateContext.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_context clCreateContext(const cl_context_properties *properties, cl_uint num_devices, const cl_device_id *devices, void *pfn_notify, void *user_data, cl_int *errcode_ret)
     * }
     */
    public static MemorySegment clCreateContext(MemorySegment properties, int num_devices, MemorySegment devices, MemorySegment pfn_notify, MemorySegment user_data, MemorySegment errcode_ret) {
        var mh$ = clCreateContext.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(properties, num_devices, devices, pfn_notify, user_data, errcode_ret);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clCreateCommandQueue {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_LONG,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clCreateCommandQueue");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_command_queue clCreateCommandQueue(cl_context context, cl_device_id device, cl_command_queue_properties properties, cl_int *errcode_ret)
     * }
     */
    public static MethodHandle clCreateCommandQueue$handle() {
        return clCreateCommandQueue.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_command_queue clCreateCommandQueue(cl_context context, cl_device_id device, cl_command_queue_properties properties, cl_int *errcode_ret)
     * }
     */
    public static MemorySegment clCreateCommandQueue(MemorySegment context, MemorySegment device, long properties, MemorySegment errcode_ret) {
        var mh$ = clCreateCommandQueue.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(context, device, properties, errcode_ret);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clCreateBuffer {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_LONG,
            cl_h.C_LONG,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clCreateBuffer");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_mem clCreateBuffer(cl_context context, cl_mem_flags flags, size_t size, void *host_ptr, cl_int *errcode_ret)
     * }
     */
    public static MethodHandle clCreateBuffer$handle() {
        return clCreateBuffer.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_mem clCreateBuffer(cl_context context, cl_mem_flags flags, size_t size, void *host_ptr, cl_int *errcode_ret)
     * }
     */
    public static MemorySegment clCreateBuffer(MemorySegment context, long flags, long size, MemorySegment host_ptr, MemorySegment errcode_ret) {
        var mh$ = clCreateBuffer.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(context, flags, size, host_ptr, errcode_ret);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clEnqueueWriteBuffer {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_LONG,
            cl_h.C_LONG,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clEnqueueWriteBuffer");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clEnqueueWriteBuffer(cl_command_queue command_queue, cl_mem buffer, cl_bool blocking_write, size_t offset, size_t size, const void *ptr, cl_uint num_events_in_wait_list, const cl_event *event_wait_list, cl_event *event)
     * }
     */
    public static MethodHandle clEnqueueWriteBuffer$handle() {
        return clEnqueueWriteBuffer.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clEnqueueWriteBuffer(cl_command_queue command_queue, cl_mem buffer, cl_bool blocking_write, size_t offset, size_t size, const void *ptr, cl_uint num_events_in_wait_list, const cl_event *event_wait_list, cl_event *event)
     * }
     */
    public static int clEnqueueWriteBuffer(MemorySegment command_queue, MemorySegment buffer, int blocking_write, long offset, long size, MemorySegment ptr, int num_events_in_wait_list, MemorySegment event_wait_list, MemorySegment event) {
        var mh$ = clEnqueueWriteBuffer.HANDLE;
        try {
            return (int) mh$.invokeExact(command_queue, buffer, blocking_write, offset, size, ptr, num_events_in_wait_list, event_wait_list, event);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clEnqueueReadBuffer {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_LONG,
            cl_h.C_LONG,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clEnqueueReadBuffer");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clEnqueueReadBuffer(cl_command_queue command_queue, cl_mem buffer, cl_bool blocking_read, size_t offset, size_t size, void *ptr, cl_uint num_events_in_wait_list, const cl_event *event_wait_list, cl_event *event)
     * }
     */
    public static MethodHandle clEnqueueReadBuffer$handle() {
        return clEnqueueReadBuffer.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clEnqueueReadBuffer(cl_command_queue command_queue, cl_mem buffer, cl_bool blocking_read, size_t offset, size_t size, void *ptr, cl_uint num_events_in_wait_list, const cl_event *event_wait_list, cl_event *event)
     * }
     */
    public static int clEnqueueReadBuffer(MemorySegment command_queue, MemorySegment buffer, int blocking_read, long offset, long size, MemorySegment ptr, int num_events_in_wait_list, MemorySegment event_wait_list, MemorySegment event) {
        var mh$ = clEnqueueReadBuffer.HANDLE;
        try {
            return (int) mh$.invokeExact(command_queue, buffer, blocking_read, offset, size, ptr, num_events_in_wait_list, event_wait_list, event);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clCreateProgramWithSource {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clCreateProgramWithSource");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_program clCreateProgramWithSource(cl_context context, cl_uint count, const char **strings, const size_t *lengths, cl_int *errcode_ret)
     * }
     */
    public static MethodHandle clCreateProgramWithSource$handle() {
        return clCreateProgramWithSource.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_program clCreateProgramWithSource(cl_context context, cl_uint count, const char **strings, const size_t *lengths, cl_int *errcode_ret)
     * }
     */
    public static MemorySegment clCreateProgramWithSource(MemorySegment context, int count, MemorySegment strings, MemorySegment lengths, MemorySegment errcode_ret) {
        var mh$ = clCreateProgramWithSource.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(context, count, strings, lengths, errcode_ret);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clBuildProgram {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clBuildProgram");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clBuildProgram(cl_program program, cl_uint num_devices, const cl_device_id *device_list, const char *options, void *pfn_notify, void *user_data)
     * }
     */
    public static MethodHandle clBuildProgram$handle() {
        return clBuildProgram.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clBuildProgram(cl_program program, cl_uint num_devices, const cl_device_id *device_list, const char *options, void *pfn_notify, void *user_data)
     * }
     */
    public static int clBuildProgram(MemorySegment program, int num_devices, MemorySegment device_list, MemorySegment options, MemorySegment pfn_notify, MemorySegment user_data) {
        var mh$ = clBuildProgram.HANDLE;
        try {
            return (int) mh$.invokeExact(program, num_devices, device_list, options, pfn_notify, user_data);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clGetProgramBuildInfo {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_LONG,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clGetProgramBuildInfo");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clGetProgramBuildInfo(cl_program program, cl_device_id device, cl_program_build_info param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret)
     * }
     */
    public static MethodHandle clGetProgramBuildInfo$handle() {
        return clGetProgramBuildInfo.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clGetProgramBuildInfo(cl_program program, cl_device_id device, cl_program_build_info param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret)
     * }
     */
    public static int clGetProgramBuildInfo(MemorySegment program, MemorySegment device, int param_name, long param_value_size, MemorySegment param_value, MemorySegment param_value_size_ret) {
        var mh$ = clGetProgramBuildInfo.HANDLE;
        try {
            return (int) mh$.invokeExact(program, device, param_name, param_value_size, param_value, param_value_size_ret);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clCreateKernel {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clCreateKernel");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_kernel clCreateKernel(cl_program program, const char *kernel_name, cl_int *errcode_ret)
     * }
     */
    public static MethodHandle clCreateKernel$handle() {
        return clCreateKernel.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_kernel clCreateKernel(cl_program program, const char *kernel_name, cl_int *errcode_ret)
     * }
     */
    public static MemorySegment clCreateKernel(MemorySegment program, MemorySegment kernel_name, MemorySegment errcode_ret) {
        var mh$ = clCreateKernel.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(program, kernel_name, errcode_ret);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clSetKernelArg {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_LONG,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clSetKernelArg");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clSetKernelArg(cl_kernel kernel, cl_uint arg_index, size_t arg_size, const void *arg_value)
     * }
     */
    public static MethodHandle clSetKernelArg$handle() {
        return clSetKernelArg.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clSetKernelArg(cl_kernel kernel, cl_uint arg_index, size_t arg_size, const void *arg_value)
     * }
     */
    public static int clSetKernelArg(MemorySegment kernel, int arg_index, long arg_size, MemorySegment arg_value) {
        var mh$ = clSetKernelArg.HANDLE;
        try {
            return (int) mh$.invokeExact(kernel, arg_index, arg_size, arg_value);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clEnqueueNDRangeKernel {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_POINTER,
            cl_h.C_INT,
            cl_h.C_POINTER,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clEnqueueNDRangeKernel");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clEnqueueNDRangeKernel(cl_command_queue command_queue, cl_kernel kernel, cl_uint work_dim, const size_t *global_work_offset, const size_t *global_work_size, const size_t *local_work_size, cl_uint num_events_in_wait_list, const cl_event *event_wait_list, cl_event *event)
     * }
     */
    public static MethodHandle clEnqueueNDRangeKernel$handle() {
        return clEnqueueNDRangeKernel.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clEnqueueNDRangeKernel(cl_command_queue command_queue, cl_kernel kernel, cl_uint work_dim, const size_t *global_work_offset, const size_t *global_work_size, const size_t *local_work_size, cl_uint num_events_in_wait_list, const cl_event *event_wait_list, cl_event *event)
     * }
     */
    public static int clEnqueueNDRangeKernel(MemorySegment command_queue, MemorySegment kernel, int work_dim, MemorySegment global_work_offset, MemorySegment global_work_size, MemorySegment local_work_size, int num_events_in_wait_list, MemorySegment event_wait_list, MemorySegment event) {
        var mh$ = clEnqueueNDRangeKernel.HANDLE;
        try {
            return (int) mh$.invokeExact(command_queue, kernel, work_dim, global_work_offset, global_work_size, local_work_size, num_events_in_wait_list, event_wait_list, event);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clFinish {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clFinish");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clFinish(cl_command_queue command_queue)
     * }
     */
    public static MethodHandle clFinish$handle() {
        return clFinish.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clFinish(cl_command_queue command_queue)
     * }
     */
    public static int clFinish(MemorySegment command_queue) {
        var mh$ = clFinish.HANDLE;
        try {
            return (int) mh$.invokeExact(command_queue);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clReleaseMemObject {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clReleaseMemObject");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clReleaseMemObject(cl_mem memobj)
     * }
     */
    public static MethodHandle clReleaseMemObject$handle() {
        return clReleaseMemObject.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clReleaseMemObject(cl_mem memobj)
     * }
     */
    public static int clReleaseMemObject(MemorySegment memobj) {
        var mh$ = clReleaseMemObject.HANDLE;
        try {
            return (int) mh$.invokeExact(memobj);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clReleaseKernel {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clReleaseKernel");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clReleaseKernel(cl_kernel kernel)
     * }
     */
    public static MethodHandle clReleaseKernel$handle() {
        return clReleaseKernel.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clReleaseKernel(cl_kernel kernel)
     * }
     */
    public static int clReleaseKernel(MemorySegment kernel) {
        var mh$ = clReleaseKernel.HANDLE;
        try {
            return (int) mh$.invokeExact(kernel);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clReleaseProgram {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clReleaseProgram");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clReleaseProgram(cl_program program)
     * }
     */
    public static MethodHandle clReleaseProgram$handle() {
        return clReleaseProgram.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clReleaseProgram(cl_program program)
     * }
     */
    public static int clReleaseProgram(MemorySegment program) {
        var mh$ = clReleaseProgram.HANDLE;
        try {
            return (int) mh$.invokeExact(program);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clReleaseCommandQueue {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clReleaseCommandQueue");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clReleaseCommandQueue(cl_command_queue command_queue)
     * }
     */
    public static MethodHandle clReleaseCommandQueue$handle() {
        return clReleaseCommandQueue.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clReleaseCommandQueue(cl_command_queue command_queue)
     * }
     */
    public static int clReleaseCommandQueue(MemorySegment command_queue) {
        var mh$ = clReleaseCommandQueue.HANDLE;
        try {
            return (int) mh$.invokeExact(command_queue);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class clReleaseContext {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            cl_h.C_INT,
            cl_h.C_POINTER
        );

        public static final MemorySegment ADDR = cl_h.findOrThrow("clReleaseContext");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * cl_int clReleaseContext(cl_context context)
     * }
     */
    public static MethodHandle clReleaseContext$handle() {
        return clReleaseContext.HANDLE;
    }

    /**
     * {@snippet lang=c :
     * cl_int clReleaseContext(cl_context context)
     * }
     */
    public static int clReleaseContext(MemorySegment context) {
        var mh$ = clReleaseContext.HANDLE;
        try {
            return (int) mh$.invokeExact(context);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }
}
