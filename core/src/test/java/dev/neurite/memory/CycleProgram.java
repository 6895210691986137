package dev.neurite.memory;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import dev.neurite.nn.loss.SoftmaxCrossEntropyLoss;
import dev.neurite.optim.Adam;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import dev.neurite.train.Trainer;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Run in a child JVM with native memory tracking: build a 784-256-128-10 MLP, fit one batch of
 * 128, predict, close, {@code args[0]} times, and print the JVM's own count of native memory
 * ("Other", where off-heap segments are counted) after the first cycle and after the last.
 */
public final class CycleProgram {

    private CycleProgram() {
    }

    public static void main(String[] args) throws Exception {
        int cycles = Integer.parseInt(args[0]);
        try (Tensor x = Tensor.zeros(DType.F32, 128, 784); Tensor y = Tensor.zeros(DType.F32, 128, 1)) {
            fillBatch(x, y);
            cycle(x, y);
            long start = otherCommittedKb();
            long peak = start;
            for (int c = 1; c < cycles; c++) {
                cycle(x, y);
                if (c % 50 == 0) {
                    peak = Math.max(peak, otherCommittedKb());
                }
            }
            long end = otherCommittedKb();
            System.out.println("NMT_OTHER_KB start=" + start + " peak=" + Math.max(peak, end) + " end=" + end
                    + " cycles=" + cycles + " rss_kb=" + rssKb());
        }
    }

    /** A seeded batch: pixels in [0, 1) and class indices 0..9. */
    static void fillBatch(Tensor x, Tensor y) {
        Random random = new Random(3);
        for (int i = 0; i < x.rows(); i++) {
            y.set(i, 0, random.nextInt(10));
            for (int j = 0; j < x.cols(); j++) {
                x.set(i, j, random.nextFloat());
            }
        }
    }

    private static void cycle(Tensor x, Tensor y) {
        try (Sequential model = new Sequential(784, 7, new Dense(784, 256), new ReLU(),
                new Dense(256, 128), new ReLU(), new Dense(128, 10))) {
            new Trainer(model, new SoftmaxCrossEntropyLoss(), new Adam(model.parameters(), 1e-3))
                    .batchSize(128).fit(x, y);
            try (Tensor out = model.predict(x)) {
                if (out.rows() != 128) {
                    throw new AssertionError(out.shape());
                }
            }
        }
    }

    /** The process's resident set (Linux), or -1. */
    private static long rssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long otherCommittedKb() throws Exception {
        String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
        Matcher m = Pattern.compile("-\\s+Other \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)").matcher(summary);
        if (!m.find()) {
            throw new IllegalStateException("no 'Other' line in the native memory summary:\n" + summary);
        }
        return Long.parseLong(m.group(2));
    }
}
