package dev.neurite.kernel.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenClDevicesTest {

    /** Discovery, failing (not skipping) with the install hint when OpenCL is missing. */
    static List<OpenClDevice> devicesOrFail() {
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevices.list();
        } catch (OpenClException e) {
            throw new AssertionError("no OpenCL device: " + e.getMessage()
                    + " (install the Debian packages pocl-opencl-icd ocl-icd-libopencl1)", e);
        }
        assertFalse(devices.isEmpty(), "no OpenCL device found; install the Debian packages "
                + "pocl-opencl-icd ocl-icd-libopencl1");
        return devices;
    }

    @Test
    void discoveryFindsADeviceWithItsFacts() {
        List<OpenClDevice> devices = devicesOrFail();
        for (int i = 0; i < devices.size(); i++) {
            OpenClDevice d = devices.get(i);
            assertEquals(i, d.index());
            assertFalse(d.name().isBlank(), "device name");
            assertFalse(d.platformName().isBlank(), "platform name");
            assertTrue(d.version().startsWith("OpenCL "), d.version());
            assertTrue(d.computeUnits() > 0, "compute units");
            assertTrue(d.globalMemoryBytes() > 0, "global memory");
            assertTrue(d.describe().contains(d.name()), d.describe());
        }
        assertTrue(OpenClDevices.describe().contains(devices.getFirst().name()));
    }

    @Test
    void selectorPicksByIndexAndNameSubstring() {
        List<OpenClDevice> devices = devicesOrFail();
        OpenClDevice last = devices.getLast();
        assertEquals(last.id(), OpenClDevices.select(Integer.toString(last.index())).id());
        String fragment = last.name().substring(0, Math.min(4, last.name().length())).toUpperCase();
        assertEquals(last.name(), sameNameFirst(devices, fragment).name());
        assertEquals(devices.getFirst().id(), OpenClDevices.select(" ").id());
    }

    /** The first device whose name or platform contains {@code fragment}, as select does it. */
    private static OpenClDevice sameNameFirst(List<OpenClDevice> devices, String fragment) {
        OpenClDevice chosen = OpenClDevices.select(fragment);
        String lower = fragment.toLowerCase();
        OpenClDevice first = devices.stream()
                .filter(d -> d.name().toLowerCase().contains(lower) || d.platformName().toLowerCase().contains(lower))
                .findFirst().orElseThrow();
        assertEquals(first.id(), chosen.id());
        return devices.stream().filter(d -> d.name().equals(chosen.name())).findFirst().orElseThrow();
    }

    @Test
    void badSelectorNamesWhatExists() {
        List<OpenClDevice> devices = devicesOrFail();
        OpenClException byIndex = assertThrows(OpenClException.class,
                () -> OpenClDevices.select(Integer.toString(devices.size())));
        assertTrue(byIndex.getMessage().contains("does not exist"), byIndex.getMessage());
        assertTrue(byIndex.getMessage().contains(devices.getFirst().name()), byIndex.getMessage());
        OpenClException byName = assertThrows(OpenClException.class,
                () -> OpenClDevices.select("no-such-device-xyzzy"));
        assertTrue(byName.getMessage().contains("no-such-device-xyzzy"), byName.getMessage());
        assertTrue(byName.getMessage().contains(devices.getFirst().name()), byName.getMessage());
        // an explicit selector is not the property; an index beyond int is missing, not a parse error
        assertFalse(byIndex.getMessage().contains(OpenClDevices.PROPERTY), byIndex.getMessage());
        OpenClException huge = assertThrows(OpenClException.class, () -> OpenClDevices.select("99999999999"));
        assertTrue(huge.getMessage().startsWith("OpenCL device 99999999999 does not exist; devices: #0 "),
                huge.getMessage());
    }

    @Test
    void statusCodesHaveTheirNames() {
        assertEquals("CL_SUCCESS", ClStatus.name(0));
        assertEquals("CL_DEVICE_NOT_FOUND", ClStatus.name(-1));
        assertEquals("CL_BUILD_PROGRAM_FAILURE", ClStatus.name(-11));
        assertEquals("CL_INVALID_VALUE", ClStatus.name(-30));
        assertEquals("CL_INVALID_KERNEL_ARGS", ClStatus.name(-52));
        assertEquals("CL_INVALID_WORK_GROUP_SIZE", ClStatus.name(-54));
        assertEquals("CL_MAX_SIZE_RESTRICTION_EXCEEDED", ClStatus.name(-72));
        assertEquals("CL_PLATFORM_NOT_FOUND_KHR", ClStatus.name(-1001));
        assertEquals("CL_UNKNOWN_STATUS", ClStatus.name(-999));
        assertEquals("clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)",
                ClStatus.message("clBuildProgram", -11));
        OpenClException e = assertThrows(OpenClException.class, () -> ClStatus.check("clFinish", -36));
        assertEquals("clFinish failed: CL_INVALID_COMMAND_QUEUE (-36)", e.getMessage());
        assertEquals(-36, e.status());
    }

    @Test
    void everyCoreCodeFromMinus72ToZeroIsNamedOrAGapInTheSpec() {
        // -20..-29 are unassigned in the OpenCL specification; everything else has a name
        for (int code = -72; code <= 0; code++) {
            String name = ClStatus.name(code);
            boolean gap = code <= -20 && code >= -29;
            assertEquals(gap, name.equals("CL_UNKNOWN_STATUS"), code + " -> " + name);
            assertTrue(name.startsWith("CL_"), name);
        }
        assertSame(ClStatus.name(-5), ClStatus.name(-5));
    }
}
