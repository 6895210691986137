package dev.neurite.kernel.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.neurite.kernel.Kernels;
import java.lang.management.ManagementFactory;

/**
 * Decides whether the Vector API backend can run well here, before any class that uses the
 * Vector API is loaded (loading one without the incubator module would fail with a linkage error
 * rather than a reason). This class itself touches no Vector API type.
 */
public final class SimdSupport {

    private SimdSupport() {
    }

    /**
     * The simd backend.
     *
     * @throws UnsupportedOperationException with the reason when it cannot run well here
     */
    public static Kernels create() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new UnsupportedOperationException(
                    "the Vector API module is not loaded (run with --add-modules jdk.incubator.vector)");
        }
        String jit = jitProblem();
        if (jit != null) {
            throw new UnsupportedOperationException(jit);
        }
        return new SimdKernels();
    }

    /**
     * The width of the simd backend's float vectors in bits (128, 256 or 512); call only after
     * {@link #create()} succeeded (it loads a Vector API class).
     */
    public static int vectorBits() {
        return SimdConstants.FLOAT_SPECIES.vectorBitSize();
    }

    /** Vector API code only pays off when C2 compiles it; in C1 or the interpreter it is slower than plain loops. */
    private static String jitProblem() {
        String vm = System.getProperty("java.vm.name", "");
        if (!vm.contains("HotSpot") && !vm.contains("OpenJDK")) {
            return "the Vector API is only fast on HotSpot with C2 (this VM: " + vm + ")";
        }
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (bean == null) {
                return null;
            }
            if ("false".equals(bean.getVMOption("UseCompiler").getValue())) {
                return "the JIT is off (-Xint)";
            }
            int stopAt = Integer.parseInt(bean.getVMOption("TieredStopAtLevel").getValue());
            if (stopAt < 4) {
                return "C2 is disabled (-XX:TieredStopAtLevel=" + stopAt + ")";
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // a VM without these options, or a module graph without jdk.management: trust the VM
            // and let the width check in SimdKernels decide
        }
        return null;
    }
}
