package dev.neurite.data;

import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The label column of a CSV file as it is read, row by row, in off-heap chunks: regression targets
 * as numbers; class labels as ids into the distinct labels seen (each with the line of its first
 * row), which {@link #finish} turns into class indices once every label is known.
 *
 * <p>A bad label is reported by {@link #finish}, after the features have all been read and
 * checked, so that a file with several problems reports the same one first as it always has.
 */
final class CsvLabels implements AutoCloseable {

    /** The targets tensor and the class names (empty for regression). */
    record Labels(Tensor y, List<String> classNames) {
    }

    private final String file;
    private final List<String> header;
    private final int column;
    private final DType dtype;
    private final boolean classification;
    private final RowChunks values; // targets, or label ids (float64: exact for any count)
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> distinct = new ArrayList<>();
    private long[] firstLines = new long[16];
    private MalformedDataException firstError;

    CsvLabels(String file, List<String> header, int column, DType dtype, boolean classification, int chunkRows) {
        this.file = file;
        this.header = header;
        this.column = column;
        this.dtype = dtype;
        this.classification = classification;
        this.values = new RowChunks(classification ? DType.F64 : dtype, 1, chunkRows);
    }

    /** Adds the label {@code cell} (not missing) of the row on {@code line}. */
    void add(String cell, long line) {
        if (classification) {
            Integer id = ids.get(cell);
            if (id == null) {
                id = distinct.size();
                ids.put(cell, id);
                distinct.add(cell);
                if (id == firstLines.length) {
                    firstLines = Arrays.copyOf(firstLines, Math.multiplyExact(firstLines.length, 2));
                }
                firstLines[id] = line;
            }
            values.add(id);
            return;
        }
        double target = 0;
        if (firstError == null) {
            try {
                target = CsvCells.number(file, line, column, header, cell, "regression target", dtype, false);
            } catch (MalformedDataException e) {
                firstError = e;
            }
        }
        values.add(target);
    }

    /**
     * The targets {@code (N, 1)} as a new owned tensor (the caller closes it): regression values,
     * or class indices over {@code classes} (when empty, the sorted distinct labels).
     */
    Labels finish(List<String> classes) {
        if (firstError != null) {
            throw firstError;
        }
        if (!classification) {
            return new Labels(values.finish(dtype, null), List.of());
        }
        List<String> classNames = classes.isEmpty() ? distinctClasses(distinct) : classes;
        double[] classOfId = classIndices(classNames);
        return new Labels(values.finish(dtype, id -> classOfId[(int) id]), classNames);
    }

    /** The sorted distinct labels: numerically (in canonical form) when all are numbers, else as strings. */
    private static List<String> distinctClasses(List<String> labels) {
        boolean numeric = labels.stream().allMatch(CsvCells::isNumber);
        if (numeric) {
            TreeSet<Double> values = new TreeSet<>();
            for (String l : labels) {
                values.add(Double.parseDouble(l));
            }
            return values.stream().map(CsvLabels::canonical).toList();
        }
        return List.copyOf(new TreeSet<>(labels));
    }

    private static String canonical(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The class index of each distinct label; the first label (in file order) not a class is an error. */
    private double[] classIndices(List<String> classNames) {
        // numbers match by value ("1.0" is class "1"), other labels by their exact text
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            index.put(classNames.get(c), c);
            String name = classNames.get(c);
            if (CsvCells.isNumber(name)) {
                index.putIfAbsent(canonical(Double.parseDouble(name)), c);
            }
        }
        // ids are in order of first appearance, so the first unknown id is the first unknown row
        double[] out = new double[distinct.size()];
        for (int id = 0; id < out.length; id++) {
            String l = distinct.get(id);
            Integer c = index.get(l);
            if (c == null && CsvCells.isNumber(l)) {
                c = index.get(canonical(Double.parseDouble(l)));
            }
            if (c == null) {
                throw CsvCells.malformed(file, firstLines[id], column, header, "class '" + l + "' is not one of the "
                        + classNames.size() + " classes " + classNames);
            }
            out[id] = c;
        }
        return out;
    }

    @Override
    public void close() {
        values.close();
    }
}
