package dev.neurite.kernel.opencl;

import java.lang.foreign.MemorySegment;

/**
 * One OpenCL device as discovery found it. {@code index} counts devices over all platforms in
 * discovery order, which is what {@code -Dneurite.opencl.device=<index>} refers to.
 */
public final class OpenClDevice {

    private final int index;
    private final String platformName;
    private final String platformVendor;
    private final String platformVersion;
    private final String name;
    private final String vendor;
    private final String version;
    private final long type;
    private final int computeUnits;
    private final long globalMemoryBytes;
    private final long maxAllocationBytes;
    private final long maxWorkGroupSize;
    private final long localMemoryBytes;
    private final boolean fp64;
    private final MemorySegment id;

    OpenClDevice(int index, String platformName, String platformVendor, String platformVersion,
                 String name, String vendor, String version, long type, int computeUnits,
                 long globalMemoryBytes, long maxAllocationBytes, long maxWorkGroupSize, long localMemoryBytes,
                 boolean fp64, MemorySegment id) {
        this.index = index;
        this.platformName = platformName;
        this.platformVendor = platformVendor;
        this.platformVersion = platformVersion;
        this.name = name;
        this.vendor = vendor;
        this.version = version;
        this.type = type;
        this.computeUnits = computeUnits;
        this.globalMemoryBytes = globalMemoryBytes;
        this.maxAllocationBytes = maxAllocationBytes;
        this.maxWorkGroupSize = Math.max(1, maxWorkGroupSize);
        this.localMemoryBytes = localMemoryBytes;
        this.fp64 = fp64;
        this.id = id;
    }

    public int index() {
        return index;
    }

    public String platformName() {
        return platformName;
    }

    public String platformVendor() {
        return platformVendor;
    }

    public String platformVersion() {
        return platformVersion;
    }

    public String name() {
        return name;
    }

    public String vendor() {
        return vendor;
    }

    public String version() {
        return version;
    }

    /** CPU, GPU, accelerator, custom or default, from {@code CL_DEVICE_TYPE}. */
    public String typeName() {
        if ((type & cl_h.CL_DEVICE_TYPE_GPU()) != 0) {
            return "GPU";
        }
        if ((type & cl_h.CL_DEVICE_TYPE_CPU()) != 0) {
            return "CPU";
        }
        if ((type & cl_h.CL_DEVICE_TYPE_ACCELERATOR()) != 0) {
            return "accelerator";
        }
        if ((type & cl_h.CL_DEVICE_TYPE_CUSTOM()) != 0) {
            return "custom";
        }
        return "default";
    }

    public int computeUnits() {
        return computeUnits;
    }

    public long globalMemoryBytes() {
        return globalMemoryBytes;
    }

    /** The largest single buffer the device allows ({@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}). */
    public long maxAllocationBytes() {
        return maxAllocationBytes;
    }

    /** The most work-items in one work-group ({@code CL_DEVICE_MAX_WORK_GROUP_SIZE}). */
    public long maxWorkGroupSize() {
        return maxWorkGroupSize;
    }

    /** Local memory per work-group in bytes ({@code CL_DEVICE_LOCAL_MEM_SIZE}). */
    public long localMemoryBytes() {
        return localMemoryBytes;
    }

    /** Whether the device supports double precision ({@code CL_DEVICE_DOUBLE_FP_CONFIG} non-zero). */
    public boolean fp64() {
        return fp64;
    }

    /** The {@code cl_device_id}; valid for the life of the process. */
    MemorySegment id() {
        return id;
    }

    /** One line: index, name, type, platform and capabilities. */
    public String describe() {
        return "#" + index + " " + name + " (" + typeName() + ", " + vendor + ", " + version + ", "
                + computeUnits + " compute units, " + (globalMemoryBytes >> 20) + " MiB, "
                + (fp64 ? "fp64" : "no fp64") + ") on " + platformName + " (" + platformVersion + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
