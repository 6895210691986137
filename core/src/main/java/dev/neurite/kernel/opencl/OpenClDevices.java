package dev.neurite.kernel.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finds OpenCL platforms and devices, and picks one by {@code -Dneurite.opencl.device}. */
public final class OpenClDevices {

    /** System property: a device index (over all platforms) or a case-insensitive name substring. */
    public static final String PROPERTY = "neurite.opencl.device";

    private static final String INSTALL_HINT =
            "install the Debian packages pocl-opencl-icd ocl-icd-libopencl1 for OpenCL on the CPU";

    private OpenClDevices() {
    }

    /** Every device of every platform, in discovery order; throws when no platform exists. */
    public static List<OpenClDevice> list() {
        if (!OpenClLibrary.isLoaded()) {
            throw new OpenClException(OpenClLibrary.failure());
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            int status = cl_h.clGetPlatformIDs(0, MemorySegment.NULL, count);
            int platformCount = count.get(ValueLayout.JAVA_INT, 0);
            if (status == -1001 || (status == cl_h.CL_SUCCESS() && platformCount == 0)) {
                throw new OpenClException("no OpenCL platform found (" + ClStatus.name(status) + "); "
                        + INSTALL_HINT, status);
            }
            ClStatus.check("clGetPlatformIDs", status);
            MemorySegment platforms = arena.allocate(ValueLayout.ADDRESS, platformCount);
            ClStatus.check("clGetPlatformIDs", cl_h.clGetPlatformIDs(platformCount, platforms, MemorySegment.NULL));
            List<OpenClDevice> devices = new ArrayList<>();
            for (int p = 0; p < platformCount; p++) {
                addDevices(arena, platforms.getAtIndex(ValueLayout.ADDRESS, p), devices);
            }
            return List.copyOf(devices);
        }
    }

    private static void addDevices(Arena arena, MemorySegment platform, List<OpenClDevice> devices) {
        String platformName = platformString(arena, platform, cl_h.CL_PLATFORM_NAME());
        String platformVendor = platformString(arena, platform, cl_h.CL_PLATFORM_VENDOR());
        String platformVersion = platformString(arena, platform, cl_h.CL_PLATFORM_VERSION());
        MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
        int status = cl_h.clGetDeviceIDs(platform, cl_h.CL_DEVICE_TYPE_ALL(), 0, MemorySegment.NULL, count);
        if (status == -1) { // CL_DEVICE_NOT_FOUND: a platform without devices
            return;
        }
        ClStatus.check("clGetDeviceIDs", status);
        int deviceCount = count.get(ValueLayout.JAVA_INT, 0);
        MemorySegment ids = arena.allocate(ValueLayout.ADDRESS, deviceCount);
        ClStatus.check("clGetDeviceIDs",
                cl_h.clGetDeviceIDs(platform, cl_h.CL_DEVICE_TYPE_ALL(), deviceCount, ids, MemorySegment.NULL));
        for (int d = 0; d < deviceCount; d++) {
            MemorySegment id = ids.getAtIndex(ValueLayout.ADDRESS, d);
            devices.add(new OpenClDevice(devices.size(), platformName, platformVendor, platformVersion,
                    deviceString(arena, id, cl_h.CL_DEVICE_NAME()),
                    deviceString(arena, id, cl_h.CL_DEVICE_VENDOR()),
                    deviceString(arena, id, cl_h.CL_DEVICE_VERSION()),
                    deviceInfo(arena, id, cl_h.CL_DEVICE_TYPE(), ValueLayout.JAVA_LONG.byteSize())
                            .get(ValueLayout.JAVA_LONG, 0),
                    deviceInfo(arena, id, cl_h.CL_DEVICE_MAX_COMPUTE_UNITS(), ValueLayout.JAVA_INT.byteSize())
                            .get(ValueLayout.JAVA_INT, 0),
                    deviceInfo(arena, id, cl_h.CL_DEVICE_GLOBAL_MEM_SIZE(), ValueLayout.JAVA_LONG.byteSize())
                            .get(ValueLayout.JAVA_LONG, 0),
                    deviceInfo(arena, id, cl_h.CL_DEVICE_MAX_MEM_ALLOC_SIZE(), ValueLayout.JAVA_LONG.byteSize())
                            .get(ValueLayout.JAVA_LONG, 0),
                    deviceInfo(arena, id, cl_h.CL_DEVICE_MAX_WORK_GROUP_SIZE(), ValueLayout.JAVA_LONG.byteSize())
                            .get(ValueLayout.JAVA_LONG, 0),
                    deviceInfo(arena, id, cl_h.CL_DEVICE_LOCAL_MEM_SIZE(), ValueLayout.JAVA_LONG.byteSize())
                            .get(ValueLayout.JAVA_LONG, 0),
                    deviceInfo(arena, id, cl_h.CL_DEVICE_DOUBLE_FP_CONFIG(), ValueLayout.JAVA_LONG.byteSize())
                            .get(ValueLayout.JAVA_LONG, 0) != 0,
                    id));
        }
    }

    private static String platformString(Arena arena, MemorySegment platform, int param) {
        MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
        ClStatus.check("clGetPlatformInfo", cl_h.clGetPlatformInfo(platform, param, 0, MemorySegment.NULL, size));
        MemorySegment value = arena.allocate(Math.max(1, size.get(ValueLayout.JAVA_LONG, 0)));
        ClStatus.check("clGetPlatformInfo",
                cl_h.clGetPlatformInfo(platform, param, value.byteSize(), value, MemorySegment.NULL));
        return value.getString(0).trim();
    }

    private static String deviceString(Arena arena, MemorySegment device, int param) {
        MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
        ClStatus.check("clGetDeviceInfo", cl_h.clGetDeviceInfo(device, param, 0, MemorySegment.NULL, size));
        return deviceInfo(arena, device, param, Math.max(1, size.get(ValueLayout.JAVA_LONG, 0))).getString(0).trim();
    }

    private static MemorySegment deviceInfo(Arena arena, MemorySegment device, int param, long bytes) {
        MemorySegment value = arena.allocate(bytes, 8);
        ClStatus.check("clGetDeviceInfo", cl_h.clGetDeviceInfo(device, param, bytes, value, MemorySegment.NULL));
        return value;
    }

    /** The device {@code -Dneurite.opencl.device} names, else the first one found. */
    public static OpenClDevice select() {
        String selector = System.getProperty(PROPERTY);
        return select(selector, selector == null ? "" : "-D" + PROPERTY + "=" + selector.trim() + ": ");
    }

    /**
     * The device {@code selector} names: an index over all platforms, or a case-insensitive
     * substring of the device or platform name; {@code null} or blank means the first device.
     *
     * @throws OpenClException when no device matches, naming the devices there are
     */
    public static OpenClDevice select(String selector) {
        return select(selector, "");
    }

    /** {@link #select(String)}, with {@code source} (where the selector came from) leading a not-found message. */
    private static OpenClDevice select(String selector, String source) {
        List<OpenClDevice> devices = list();
        if (devices.isEmpty()) {
            throw new OpenClException("OpenCL platforms exist but have no devices; " + INSTALL_HINT);
        }
        if (selector == null || selector.isBlank()) {
            return devices.getFirst();
        }
        String wanted = selector.trim();
        String missing;
        if (wanted.chars().allMatch(Character::isDigit)) {
            if (wanted.length() < 10 && Integer.parseInt(wanted) < devices.size()) {
                return devices.get(Integer.parseInt(wanted));
            }
            missing = "OpenCL device " + wanted + " does not exist";
        } else {
            String lower = wanted.toLowerCase(Locale.ROOT);
            for (OpenClDevice device : devices) {
                if (device.name().toLowerCase(Locale.ROOT).contains(lower)
                        || device.platformName().toLowerCase(Locale.ROOT).contains(lower)) {
                    return device;
                }
            }
            missing = "OpenCL device '" + wanted + "' does not exist (no device or platform name contains it)";
        }
        throw new OpenClException(source + missing + "; devices: " + devices.stream()
                .map(d -> "#" + d.index() + " " + d.name() + " on " + d.platformName())
                .collect(Collectors.joining("; ")));
    }

    /** A line per device for {@code ./neurite info}; throws {@link OpenClException} with the reason. */
    public static String describe() {
        return list().stream().map(d -> "  " + d.describe()).collect(Collectors.joining("\n"));
    }
}
