package dev.neurite.kernel;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Decides whether the Vector API backend can run well here, before any class of
 * {@code kernel/simd} is loaded (loading them without the incubator module would fail with a
 * linkage error rather than a reason).
 */
final class SimdSupport {

    private SimdSupport() {
    }

    static Kernels create() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new UnsupportedOperationException(
                    "the Vector API module is not loaded (run with --add-modules jdk.incubator.vector)");
        }
        String jit = jitProblem();
        if (jit != null) {
            throw new UnsupportedOperationException(jit);
        }
        return new dev.neurite.kernel.simd.SimdKernels();
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
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // a VM without these options: trust it and let the width check in SimdKernels decide
        }
        return null;
    }
}
