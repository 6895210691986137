import dev.neurite.data.CsvReader;
import dev.neurite.data.Dataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The CSV load benchmark's two halves, run by bench/csv-load.sh as a single-file program:
 * {@code generate FILE MB} writes a numeric CSV of about MB megabytes (20 float columns and a
 * class label 0..9); {@code load FILE} reads it with CsvReader and prints one BENCH line.
 */
public class CsvLoad {

    static final int FEATURES = 20;

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Long.parseLong(args[2]) * 1_000_000L);
        } else if (args.length == 2 && args[0].equals("load")) {
            load(Path.of(args[1]));
        } else {
            System.err.println("usage: CsvLoad generate FILE MB | CsvLoad load FILE");
            System.exit(2);
        }
    }

    static void generate(Path file, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        StringBuilder row = new StringBuilder(256);
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            row.setLength(0);
            for (int j = 0; j < FEATURES; j++) {
                row.append('f').append(j).append(',');
            }
            row.append("label\n");
            while (written < bytes) {
                out.append(row);
                written += row.length();
                row.setLength(0);
                for (int j = 0; j < FEATURES; j++) {
                    // values like -12.3456: a sign, up to 3 integer digits, 4 decimals
                    int v = random.nextInt(2_000_000) - 1_000_000;
                    row.append(v / 10_000).append('.').append(String.format("%04d", Math.abs(v % 10_000))).append(',');
                }
                row.append(random.nextInt(10)).append('\n');
            }
        }
    }

    static void load(Path file) throws IOException {
        long bytes = Files.size(file);
        long start = System.nanoTime();
        Dataset data = CsvReader.classification("label").read(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH op=csvload file_mb=%.0f rows=%d features=%d classes=%d seconds=%.2f mb_per_s=%.1f"
                + " float_data_mb=%.0f heap_max_mb=%d%n", bytes / 1e6, data.size(), data.features(),
                data.classNames().size(), seconds, bytes / 1e6 / seconds, data.x().size() * 4 / 1e6,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
