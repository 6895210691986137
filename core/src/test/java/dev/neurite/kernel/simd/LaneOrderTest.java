package dev.neurite.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels' sums across lanes give the same bits interpreted and JIT-compiled: a JVM
 * that only interprets ({@code -Xint}, the Vector API's Java fallback) prints the same probe as
 * this one after the kernels have run hot. With {@code reduceLanes(ADD)}, whose order the JIT
 * chooses, they differed.
 */
class LaneOrderTest {

    @Test
    void interpretedAndCompiledKernelsSumInTheSameOrder() throws Exception {
        String compiled = LaneOrderProbe.run(30_000);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // the same vector width as this JVM (the build re-runs these tests at 256 and 128 bits)
        String bits = System.getProperty("neurite.simd.bits");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xint", "--add-modules",
                "jdk.incubator.vector"));
        if (bits != null) {
            command.add("-Dneurite.simd.bits=" + bits);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LaneOrderProbe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the interpreted probe finished");
        assertEquals(0, p.exitValue(), out);
        String interpreted = out.lines().filter(l -> l.startsWith("PROBE ")).findFirst().orElseThrow()
                .substring("PROBE ".length());
        assertEquals(interpreted, compiled, "softmax of 3 and 37 columns, sum, dot, GEMM with transposed B");
    }
}
