package dev.neurite.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's own native memory tracking, in a child JVM that cannot collect garbage at all
 * (Epsilon GC): if any native memory were freed by the garbage collector rather than by a
 * {@code close()}, build/fit/predict/close cycles would make it grow.
 */
class NativeMemoryTrackingTest {

    /** Slack for the JVM's own native bookkeeping; one cycle's model alone is about 6 MB. */
    private static final long SLACK_KB = 2048;

    @Test
    void nativeMemoryStaysFlatOverCyclesWithoutAnyGarbageCollection(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-XX:NativeMemoryTracking=summary",
                "-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC", "-Xms2g", "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), CycleProgram.class.getName(), "300");
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "child JVM did not finish");
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        Matcher m = Pattern.compile("NMT_OTHER_KB start=(\\d+) peak=(\\d+) end=(\\d+)").matcher(text);
        assertTrue(m.find(), text);
        long start = Long.parseLong(m.group(1));
        long peak = Long.parseLong(m.group(2));
        long end = Long.parseLong(m.group(3));
        assertTrue(end - start <= SLACK_KB && peak - start <= SLACK_KB,
                "native memory grew over 300 cycles: " + m.group());
    }
}
