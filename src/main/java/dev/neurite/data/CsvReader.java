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
 * <p>Columns are matched by header name, never silently by position: column names must be
 * distinct, a first row of numbers only is taken for a missing header and refused, and with
 * {@link #featureNames(List)} (the names a model was trained on) the features are found by name in
 * any column order. A file without a header is read by position only when asked, with
 * {@link #noHeader()}.
 *
 * <p>Missing feature values (empty cells, {@code NA}, {@code NaN}, in any case) are an error by
 * default; with {@link #imputer(SimpleImputer)} they are filled. An imputer that is not yet fitted
 * is fitted on the first file this reader reads (the training file), and keeps those fill values
 * for every later file. Missing labels are always an error. A number that overflows the dtype
 * (such as {@code 1e999}, which parses as infinity) is an error too, or a missing value when there
 * is an imputer.
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

    private static final Pattern NUMBER = CsvColumns.NUMBER;
    private static final Set<String> MISSING = Set.of("", "na", "nan");

    private final Task task;
    private final String labelName; // one of labelName and labelIndex is set
    private final int labelIndex;
    private char delimiter = ',';
    private List<String> classes = List.of();
    private SimpleImputer imputer;
    private DType dtype = DType.F32;
    private Set<String> dropped = Set.of();
    private List<String> expected = List.of();
    private boolean header = true;

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

    /**
     * A reader of features only, for data without a label column ({@link #readFeatures}); with
     * {@link #featureNames(List)} every other column is an error.
     */
    public static CsvReader unlabelled() {
        return new CsvReader(Task.REGRESSION, null, -1);
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

    /**
     * The feature columns, by header name, in the order the features are stored (any order in the
     * file). A missing name, or a column that is neither a feature, the label nor dropped, is an
     * error that lists both. Without this every column but the label (and dropped ones) is a
     * feature, in file order.
     */
    public CsvReader featureNames(List<String> names) {
        List<String> copy = List.copyOf(names);
        if (new LinkedHashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException("feature names must be distinct, got " + copy);
        }
        this.expected = copy;
        return this;
    }

    /**
     * The file has no header row: columns are taken by position (the label by its index) and
     * features are named as given to {@link #featureNames(List)}, else {@code column_1, column_2, ...}.
     */
    public CsvReader noHeader() {
        this.header = false;
        return this;
    }

    /** The task this reader reads the label column for. */
    public Task task() {
        return task;
    }

    /**
     * Reads {@code file} (UTF-8): the label column and the features. With
     * {@link #featureNames(List)} the features are those columns, by header name, in that order.
     */
    public Dataset read(Path file) throws IOException {
        return read(file.toString(), text(file));
    }

    /** Reads CSV {@code text}; {@code source} names it in messages (a file name, or "standard input"). */
    public Dataset read(String source, String text) {
        if (labelName == null && labelIndex < 0) {
            throw new IllegalStateException("this reader has no label column; read features with readFeatures");
        }
        String file = source;
        Records r = records(source, text, true);
        Tensor y = Tensor.managed(dtype, r.rows(), 1);
        List<String> classNames = List.of();
        if (task == Task.REGRESSION) {
            double[] targets = new double[r.labels.size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = number(file, r.lines.get(i), r.columns.label(), r.header, r.labels.get(i), "regression target",
                        false);
            }
            y.copyFrom(targets);
        } else {
            classNames = classes.isEmpty() ? distinctClasses(r.labels) : classes;
            y.copyFrom(classIndices(file, r.header, r.columns.label(), r.labels, r.lines, classNames));
        }
        return new Dataset(r.x, y, classNames, r.columns.featureNames(), true);
    }

    /**
     * Reads only the features of {@code file} {@code (N, d)}, for prediction: the label column is
     * skipped when the file has it and may be absent. Column rules as for {@link #read}.
     */
    public Tensor readFeatures(Path file) throws IOException {
        return readFeatures(file.toString(), text(file));
    }

    /** Reads the features of CSV {@code text}; {@code source} names it in messages. */
    public Tensor readFeatures(String source, String text) {
        return records(source, text, false).x;
    }

    /**
     * The column names of {@code file}'s header row (its first record), without reading the rest
     * of the file.
     */
    public static List<String> header(Path file, char delimiter) throws IOException {
        try (java.io.BufferedReader in = Files.newBufferedReader(file)) {
            StringBuilder first = new StringBuilder();
            boolean quoted = false;
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if ((c == '\n' || c == '\r') && !quoted) {
                    if (!first.toString().isBlank()) {
                        break;
                    }
                }
                first.append((char) c);
            }
            List<String> header = new CsvParser(file.toString(), first.toString().strip(), delimiter).next();
            return header == null ? List.of() : header;
        } catch (java.nio.charset.MalformedInputException e) {
            throw new MalformedDataException(file + ": not UTF-8 text (" + e + ")", e);
        }
    }

    private static String text(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new MalformedDataException(file + ": is a directory; expected a CSV file");
        }
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new MalformedDataException(file + ": not UTF-8 text (" + e + ")", e);
        }
    }

    /** The parsed rows of a file: features (imputed), raw labels and the line of each row. */
    private record Records(CsvColumns columns, List<String> header, Tensor x, List<String> labels, List<Integer> lines) {
        int rows() {
            return lines.size();
        }
    }

    private Records records(String file, String text, boolean labelRequired) {
        CsvParser parser = new CsvParser(file, text, delimiter);
        List<String> first = parser.next();
        if (first == null) {
            throw new MalformedDataException(file + ": empty file; expected " + (header ? "a header row naming the columns"
                    : "rows of numbers"));
        }
        CsvColumns.Request request = new CsvColumns.Request(labelName, labelIndex, labelRequired, expected, dropped);
        List<String> names;
        CsvColumns columns;
        List<String> record;
        if (header) {
            names = first;
            columns = CsvColumns.byName(file, first, request);
            record = parser.next();
        } else {
            columns = CsvColumns.byPosition(file, first.size(), request);
            names = new ArrayList<>();
            for (int c = 0; c < first.size(); c++) {
                names.add(c == columns.label() ? "label" : "column_" + (c + 1));
            }
            record = first;
        }
        int[] featureColumns = columns.features();
        int d = featureColumns.length;
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        long[] present = new long[d];
        boolean anyMissing = false;
        for (; record != null; record = parser.next()) {
            int line = parser.recordLine();
            if (record.size() != columns.width()) {
                throw new MalformedDataException(file + ":" + line + ": " + record.size() + " field"
                        + (record.size() == 1 ? "" : "s") + ", expected " + columns.width()
                        + (header ? " as in the header" : " as in the first row"));
            }
            double[] row = new double[d];
            for (int k = 0; k < d; k++) {
                String cell = record.get(featureColumns[k]);
                if (isMissing(cell)) {
                    if (imputer == null) {
                        throw malformed(file, line, featureColumns[k], names, "missing value"
                                + (cell.isEmpty() ? "" : " '" + cell + "'")
                                + "; expected a number (give the reader an imputer to fill missing values)");
                    }
                    row[k] = Double.NaN;
                    anyMissing = true;
                } else {
                    row[k] = number(file, line, featureColumns[k], names, cell, "feature", imputer != null);
                    if (Double.isNaN(row[k])) {
                        anyMissing = true;
                    } else {
                        present[k]++;
                    }
                }
            }
            if (columns.label() >= 0) {
                String labelCell = record.get(columns.label());
                if (isMissing(labelCell)) {
                    throw malformed(file, line, columns.label(), names, "missing label"
                            + (labelCell.isEmpty() ? "" : " '" + labelCell + "'") + "; labels are never imputed");
                }
                labels.add(labelCell);
            }
            rows.add(row);
            lines.add(line);
        }
        if (rows.isEmpty()) {
            throw new MalformedDataException(file + ": no data rows" + (header ? " after the header" : ""));
        }

        Tensor x = Tensor.managed(dtype, rows.size(), d);
        double[] values = new double[Math.multiplyExact(rows.size(), d)];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * d, d);
        }
        x.copyFrom(values);
        if (imputer != null) {
            if (!imputer.isFitted()) {
                requirePresent(file, names, featureColumns, present);
                imputer.fit(x);
            }
            if (anyMissing) {
                imputer.transform(x, x);
            }
        }
        return new Records(columns, names, x, labels, lines);
    }

    private void requirePresent(String file, List<String> header, int[] featureColumns, long[] present) {
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

    /**
     * The number in {@code cell}; one that overflows the reader's dtype (1e999, or 1e39 for
     * float32) is an error, or a missing value (NaN) when {@code overflowIsMissing}.
     */
    private double number(String file, int line, int column, List<String> header, String cell, String what,
                          boolean overflowIsMissing) {
        if (!NUMBER.matcher(cell).matches()) {
            throw malformed(file, line, column, header, "'" + cell + "' is not a number; expected a numeric " + what);
        }
        double v = Double.parseDouble(cell);
        if (Double.isInfinite(v) || (dtype == DType.F32 && Math.abs(v) > Float.MAX_VALUE)) {
            if (overflowIsMissing) {
                return Double.NaN;
            }
            throw malformed(file, line, column, header, "'" + cell + "' overflows " + (dtype == DType.F32 ? "float32"
                    : "float64") + "; expected a finite " + what);
        }
        return v;
    }

    private static MalformedDataException malformed(String file, int line, int column, List<String> header, String what) {
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

    private static double[] classIndices(String file, List<String> header, int column, List<String> labels,
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
