package dev.neurite.data;

import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a CSV file with a header row into a {@link Dataset}: one label column (by name or
 * 0-based index) becomes the targets {@code (N, 1)}, every other column (except dropped ones) a
 * numeric feature {@code (N, d)}.
 *
 * <p>The task is explicit. {@link #regression} keeps numeric labels as they are.
 * {@link #classification} turns labels into class indices 0..C-1 over the sorted distinct labels
 * (numerically when every label is a number, otherwise as strings), kept as the class names; pass
 * the training set's names with {@link #classes(List)} when reading its validation or test file,
 * so that the indices agree.
 *
 * <p>Missing feature values (empty cells, {@code NA}, {@code NaN}, in any case) are an error by
 * default; with {@link #imputer(SimpleImputer)} they are filled. An imputer that is not yet fitted
 * is fitted on the first file this reader reads (the training file), and keeps those fill values
 * for every later file. Missing labels are always an error.
 *
 * <p>Every problem is a one-line {@link MalformedDataException} naming the file, the line and
 * (for a cell) the column, and what was expected.
 */
public final class CsvReader {

    /** What the label column holds. */
    public enum Task {
        /** Class labels (numbers or strings), read as class indices. */
        CLASSIFICATION,
        /** Numeric targets, read as they are. */
        REGRESSION
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> MISSING = Set.of("", "na", "nan");

    private final Task task;
    private final String labelName; // one of labelName and labelIndex is set
    private final int labelIndex;
    private char delimiter = ',';
    private List<String> classes = List.of();
    private SimpleImputer imputer;
    private DType dtype = DType.F32;
    private Set<String> dropped = Set.of();

    private CsvReader(Task task, String labelName, int labelIndex) {
        this.task = task;
        this.labelName = labelName;
        this.labelIndex = labelIndex;
    }

    /** A reader of class labels from the column named {@code labelColumn}. */
    public static CsvReader classification(String labelColumn) {
        return new CsvReader(Task.CLASSIFICATION, Objects.requireNonNull(labelColumn, "labelColumn"), -1);
    }

    /** A reader of class labels from column {@code labelColumn} (0-based). */
    public static CsvReader classification(int labelColumn) {
        return new CsvReader(Task.CLASSIFICATION, null, checkIndex(labelColumn));
    }

    /** A reader of numeric targets from the column named {@code labelColumn}. */
    public static CsvReader regression(String labelColumn) {
        return new CsvReader(Task.REGRESSION, Objects.requireNonNull(labelColumn, "labelColumn"), -1);
    }

    /** A reader of numeric targets from column {@code labelColumn} (0-based). */
    public static CsvReader regression(int labelColumn) {
        return new CsvReader(Task.REGRESSION, null, checkIndex(labelColumn));
    }

    private static int checkIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("label column index must be >= 0, got " + index);
        }
        return index;
    }

    /** The field delimiter (default ','); not a quote, line break or blank. */
    public CsvReader delimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("CSV delimiter cannot be " + (delimiter == '"' ? "'\"'" : "a line break"));
        }
        this.delimiter = delimiter;
        return this;
    }

    /** Fixes the class names, in class-index order (classification only); other labels are errors. */
    public CsvReader classes(List<String> classNames) {
        if (task != Task.CLASSIFICATION) {
            throw new IllegalStateException("class names are for classification; this reader reads regression targets");
        }
        List<String> names = List.copyOf(classNames);
        if (names.isEmpty() || new LinkedHashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("class names must be distinct and not empty, got " + names);
        }
        this.classes = names;
        return this;
    }

    /** Fills missing feature values with {@code imputer}, fitting it on the first file read if unfitted. */
    public CsvReader imputer(SimpleImputer imputer) {
        this.imputer = Objects.requireNonNull(imputer, "imputer");
        return this;
    }

    /** The dtype of the tensors read (default float32). */
    public CsvReader dtype(DType dtype) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        return this;
    }

    /** Columns, by header name, to leave out of the features (identifiers, for example). */
    public CsvReader dropColumns(String... names) {
        this.dropped = Set.of(names);
        return this;
    }

    /** The task this reader reads the label column for. */
    public Task task() {
        return task;
    }

    /** Reads {@code file} (UTF-8). */
    public Dataset read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new MalformedDataException(file + ": not UTF-8 text (" + e + ")", e);
        }
        CsvParser parser = new CsvParser(file.toString(), text, delimiter);
        List<String> header = parser.next();
        if (header == null) {
            throw new MalformedDataException(file + ": empty file; expected a header row naming the columns");
        }
        int label = labelColumn(file, header);
        int[] featureColumns = featureColumns(file, header, label);
        int d = featureColumns.length;
        List<String> featureNames = new ArrayList<>();
        for (int c : featureColumns) {
            featureNames.add(header.get(c));
        }

        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        long[] present = new long[d];
        boolean anyMissing = false;
        for (List<String> record = parser.next(); record != null; record = parser.next()) {
            int line = parser.recordLine();
            if (record.size() != header.size()) {
                throw new MalformedDataException(file + ":" + line + ": " + record.size() + " field"
                        + (record.size() == 1 ? "" : "s") + ", expected " + header.size() + " as in the header");
            }
            double[] row = new double[d];
            for (int k = 0; k < d; k++) {
                String cell = record.get(featureColumns[k]);
                if (isMissing(cell)) {
                    if (imputer == null) {
                        throw malformed(file, line, featureColumns[k], header, "missing value"
                                + (cell.isEmpty() ? "" : " '" + cell + "'")
                                + "; expected a number (give the reader an imputer to fill missing values)");
                    }
                    row[k] = Double.NaN;
                    anyMissing = true;
                } else {
                    row[k] = number(file, line, featureColumns[k], header, cell, "feature");
                    present[k]++;
                }
            }
            String labelCell = record.get(label);
            if (isMissing(labelCell)) {
                throw malformed(file, line, label, header, "missing label"
                        + (labelCell.isEmpty() ? "" : " '" + labelCell + "'") + "; labels are never imputed");
            }
            rows.add(row);
            labels.add(labelCell);
            lines.add(line);
        }
        if (rows.isEmpty()) {
            throw new MalformedDataException(file + ": no data rows after the header");
        }

        Tensor x = Tensor.managed(dtype, rows.size(), d);
        double[] values = new double[Math.multiplyExact(rows.size(), d)];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * d, d);
        }
        x.copyFrom(values);
        if (imputer != null) {
            if (!imputer.isFitted()) {
                requirePresent(file, header, featureColumns, present);
                imputer.fit(x);
            }
            if (anyMissing) {
                imputer.transform(x, x);
            }
        }

        Tensor y = Tensor.managed(dtype, rows.size(), 1);
        List<String> classNames = List.of();
        if (task == Task.REGRESSION) {
            double[] targets = new double[labels.size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = number(file, lines.get(i), label, header, labels.get(i), "regression target");
            }
            y.copyFrom(targets);
        } else {
            classNames = classes.isEmpty() ? distinctClasses(labels) : classes;
            y.copyFrom(classIndices(file, header, label, labels, lines, classNames));
        }
        return new Dataset(x, y, classNames, featureNames, true);
    }

    private int labelColumn(Path file, List<String> header) {
        if (labelName == null) {
            if (labelIndex >= header.size()) {
                throw new MalformedDataException(file + ":1: label column index " + labelIndex
                        + " is out of range: the header has " + header.size() + " columns (0.." + (header.size() - 1) + ")");
            }
            return labelIndex;
        }
        int found = header.indexOf(labelName);
        if (found < 0) {
            throw new MalformedDataException(file + ":1: no column named '" + labelName + "' for the label; the header has "
                    + String.join(", ", header));
        }
        if (header.lastIndexOf(labelName) != found) {
            throw new MalformedDataException(file + ":1: the header names two columns '" + labelName
                    + "' (columns " + (found + 1) + " and " + (header.lastIndexOf(labelName) + 1) + "); the label is ambiguous");
        }
        return found;
    }

    private int[] featureColumns(Path file, List<String> header, int label) {
        for (String name : dropped) {
            if (!header.contains(name)) {
                throw new MalformedDataException(file + ":1: no column named '" + name + "' to drop; the header has "
                        + String.join(", ", header));
            }
        }
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c != label && !dropped.contains(header.get(c))) {
                columns.add(c);
            }
        }
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }

    private void requirePresent(Path file, List<String> header, int[] featureColumns, long[] present) {
        if (imputer.strategy() != SimpleImputer.Strategy.MEAN) {
            return;
        }
        for (int k = 0; k < present.length; k++) {
            if (present[k] == 0) {
                throw new MalformedDataException(file + ": column " + (featureColumns[k] + 1) + " ('"
                        + header.get(featureColumns[k]) + "') has no values, so it has no mean to impute with");
            }
        }
    }

    private static boolean isMissing(String cell) {
        return MISSING.contains(cell.toLowerCase(Locale.ROOT));
    }

    private static double number(Path file, int line, int column, List<String> header, String cell, String what) {
        if (!NUMBER.matcher(cell).matches()) {
            throw malformed(file, line, column, header, "'" + cell + "' is not a number; expected a numeric " + what);
        }
        return Double.parseDouble(cell);
    }

    private static MalformedDataException malformed(Path file, int line, int column, List<String> header, String what) {
        return new MalformedDataException(file + ":" + line + ", column " + (column + 1) + " ('" + header.get(column)
                + "'): " + what);
    }

    /** The sorted distinct labels: numerically (in canonical form) when all are numbers, else as strings. */
    private static List<String> distinctClasses(List<String> labels) {
        boolean numeric = labels.stream().allMatch(l -> NUMBER.matcher(l).matches());
        if (numeric) {
            TreeSet<Double> values = new TreeSet<>();
            for (String l : labels) {
                values.add(Double.parseDouble(l));
            }
            return values.stream().map(CsvReader::canonical).toList();
        }
        return List.copyOf(new TreeSet<>(labels));
    }

    private static String canonical(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static double[] classIndices(Path file, List<String> header, int column, List<String> labels,
                                         List<Integer> lines, List<String> classNames) {
        // numbers match by value ("1.0" is class "1"), other labels by their exact text
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            index.put(classNames.get(c), c);
            String name = classNames.get(c);
            if (NUMBER.matcher(name).matches()) {
                index.putIfAbsent(canonical(Double.parseDouble(name)), c);
            }
        }
        double[] out = new double[labels.size()];
        for (int i = 0; i < out.length; i++) {
            String l = labels.get(i);
            Integer c = index.get(l);
            if (c == null && NUMBER.matcher(l).matches()) {
                c = index.get(canonical(Double.parseDouble(l)));
            }
            if (c == null) {
                throw malformed(file, lines.get(i), column, header, "class '" + l + "' is not one of the "
                        + classNames.size() + " classes " + classNames);
            }
            out[i] = c;
        }
        return out;
    }

    @Override
    public String toString() {
        return "CsvReader[" + task.name().toLowerCase(Locale.ROOT) + ", label "
                + (labelName != null ? "'" + labelName + "'" : "column " + labelIndex) + ", delimiter '" + delimiter + "']";
    }
}
