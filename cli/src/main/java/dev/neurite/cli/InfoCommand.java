package dev.neurite.cli;

import dev.neurite.kernel.provider.KernelProvider;
import dev.neurite.kernel.KernelThreads;
import dev.neurite.kernel.Kernels;
import dev.neurite.kernel.opencl.OpenClDevices;
import dev.neurite.kernel.opencl.OpenClKernels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./neurite info}: what this machine and JVM offer Neurite, and which backend runs. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the JDK, CPU vector width, kernel backends (available or why not), OpenBLAS details and OpenCL devices.")
final class InfoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        print(spec.commandLine().getOut());
    }

    static void print(PrintWriter out) {
        Runtime rt = Runtime.getRuntime();
        out.println("Neurite " + version());
        out.println("JDK:      " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.home") + ")");
        out.println("CPU:      " + cpuModel() + ", " + rt.availableProcessors() + " cores, "
                + System.getProperty("os.arch"));
        out.println("Threads:  " + KernelThreads.count() + " (-D" + KernelThreads.PROPERTY + ")");
        out.println("Backends:");
        for (String name : KernelProvider.NAMES) {
            try {
                String details;
                try (Kernels k = KernelProvider.create(name)) {
                    details = k instanceof OpenClKernels cl
                            // the devices are listed once, under OpenCL
                            ? "on device #" + cl.device().index() + ", listed below (-D" + OpenClDevices.PROPERTY
                                    + " picks another)"
                            : k.details();
                }
                out.println("  " + pad(name) + "available" + (details.isEmpty() ? "" : "    " + details));
            } catch (UnsupportedOperationException e) {
                out.println("  " + pad(name) + "unavailable: " + e.getMessage());
            }
        }
        try {
            // selecting here without the start-up log line, which would land in the middle of this block
            KernelProvider.Selection selection = KernelProvider.selected()
                    .orElseGet(() -> KernelProvider.select(KernelProvider.requestedName().orElse(null)));
            out.println("Selected: " + selection.describe().replaceFirst("^Neurite kernel backend: ", ""));
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("Selected: none: " + e.getMessage());
        }
        try {
            out.println("OpenCL:\n" + OpenClDevices.describe());
        } catch (RuntimeException e) {
            out.println("OpenCL:   unavailable: " + e.getMessage());
        }
    }

    private static String pad(String s) {
        return String.format("%-8s", s);
    }

    private static String version() {
        String v = InfoCommand.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown CPU";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
