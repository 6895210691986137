package dev.neurite.data;

import dev.neurite.data.preprocess.SimpleImputer;
import dev.neurite.tensor.DType;
import dev.neurite.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

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
 *
 * <p>A file is read in one pass as a stream, each value going straight into off-heap chunks that
 * are copied once into the final tensors, so reading takes about twice the size of the numbers
 * and files of any length (over 2 GB too) are read without holding their text.
 */
public final class CsvReader {

    /** What the label column holds. */
    public enum Task {
        /** Class labels (numbers or strings), read as class indices. */
        CLASSIFICATION,
        /** Numeric targets, read as they are. */
        REGRESSION
    }

    private static final int STREAM_BUFFER_BYTES = 1 << 16;

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
    private int chunkRows;

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
     * Rows per off-heap storage chunk while a file is read (0, the default: chunks of about
     * 1 MiB); small values let tests cross chunk boundaries.
     */
    CsvReader chunkRows(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("chunk rows must be >= 0, got " + rows);
        }
        this.chunkRows = rows;
        return this;
    }

    /**
     * Reads {@code file} (UTF-8) as a stream: the label column and the features. With
     * {@link #featureNames(List)} the features are those columns, by header name, in that order.
     * The data set owns its new tensors.
     */
    public Dataset read(Path file) throws IOException {
        try (Reader in = open(file)) {
            return read(file.toString(), in);
        }
    }

    /** Reads CSV {@code text}; {@code source} names it in messages (a file name, or "standard input"). */
    public Dataset read(String source, String text) {
        try {
            return read(source, new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * Reads CSV from {@code in} (UTF-8) as a stream, leaving it open; {@code source} names it in
     * messages (a file name, or "standard input").
     */
    public Dataset read(String source, InputStream in) throws IOException {
        return read(source, decoder(in));
    }

    private Dataset read(String file, Reader in) throws IOException {
        if (labelName == null && labelIndex < 0) {
            throw new IllegalStateException("this reader has no label column; read features with readFeatures");
        }
        Records r = records(file, in, true);
        Tensor y = null;
        try (CsvLabels labels = r.labels()) {
            CsvLabels.Labels l = labels.finish(classes);
            y = l.y();
            return new Dataset(r.x(), y, l.classNames(), r.columns().featureNames(), true);
        } catch (RuntimeException | Error e) {
            r.x().close();
            if (y != null) {
                y.close();
            }
            throw e;
        }
    }

    /**
     * Reads only the features of {@code file} {@code (N, d)}, for prediction: the label column is
     * skipped when the file has it and may be absent. Column rules as for {@link #read}. Returns a
     * new owned tensor; the caller closes it.
     */
    public Tensor readFeatures(Path file) throws IOException {
        try (Reader in = open(file)) {
            return records(file.toString(), in, false).x();
        }
    }

    /** Reads the features of CSV {@code text}; {@code source} names it in messages. The caller closes the tensor. */
    public Tensor readFeatures(String source, String text) {
        try {
            return records(source, new StringReader(text), false).x();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * Reads the features of CSV from {@code in} (UTF-8) as a stream, leaving it open;
     * {@code source} names it in messages. The caller closes the tensor.
     */
    public Tensor readFeatures(String source, InputStream in) throws IOException {
        return records(source, decoder(in), false).x();
    }

    /**
     * The column names of {@code file}'s header row (its first record), without reading the rest
     * of the file.
     */
    public static List<String> header(Path file, char delimiter) throws IOException {
        try (Reader in = open(file)) {
            List<String> header = new CsvParser(file.toString(), in, delimiter).next();
            return header == null ? List.of() : List.copyOf(header);
        }
    }

    private static Reader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new MalformedDataException(file + ": is a directory; expected a CSV file");
        }
        return decoder(Files.newInputStream(file));
    }

    /** UTF-8 text of {@code in}; malformed bytes are an error, not replaced. */
    private static Reader decoder(InputStream in) {
        return new InputStreamReader(new BufferedInputStream(in, STREAM_BUFFER_BYTES), StandardCharsets.UTF_8.newDecoder());
    }

    /** The rows of a file: features (imputed) and, when asked for, the labels still to be finished. */
    private record Records(CsvColumns columns, Tensor x, CsvLabels labels) {
    }

    private Records records(String file, Reader in, boolean labelRequired) throws IOException {
        CsvParser parser = new CsvParser(file, in, delimiter);
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
            names = List.copyOf(first); // the parser reuses its list
            columns = CsvColumns.byName(file, names, request);
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
        long[] present = new long[d];
        boolean anyMissing = false;
        CsvLabels labels = labelRequired ? new CsvLabels(file, names, columns.label(), dtype,
                task == Task.CLASSIFICATION, chunkRows) : null;
        try (RowChunks features = new RowChunks(dtype, d, chunkRows)) {
            for (; record != null; record = parser.next()) {
                long line = parser.recordLine();
                if (record.size() != columns.width()) {
                    throw new MalformedDataException(file + ":" + line + ": " + record.size() + " field"
                            + (record.size() == 1 ? "" : "s") + ", expected " + columns.width()
                            + (header ? " as in the header" : " as in the first row"));
                }
                if (features.rows() == Integer.MAX_VALUE) {
                    throw new MalformedDataException(file + ":" + line + ": more than " + Integer.MAX_VALUE
                            + " data rows; a data set holds at most " + Integer.MAX_VALUE);
                }
                for (int k = 0; k < d; k++) {
                    String cell = record.get(featureColumns[k]);
                    double v;
                    if (CsvCells.isMissing(cell)) {
                        if (imputer == null) {
                            throw CsvCells.malformed(file, line, featureColumns[k], names, "missing value"
                                    + (cell.isEmpty() ? "" : " '" + cell + "'")
                                    + "; expected a number (give the reader an imputer to fill missing values)");
                        }
                        v = Double.NaN;
                        anyMissing = true;
                    } else {
                        v = CsvCells.number(file, line, featureColumns[k], names, cell, "feature", dtype, imputer != null);
                        if (Double.isNaN(v)) {
                            anyMissing = true;
                        } else {
                            present[k]++;
                        }
                    }
                    features.add(v);
                }
                if (columns.label() >= 0) {
                    String labelCell = record.get(columns.label());
                    if (CsvCells.isMissing(labelCell)) {
                        throw CsvCells.malformed(file, line, columns.label(), names, "missing label"
                                + (labelCell.isEmpty() ? "" : " '" + labelCell + "'") + "; labels are never imputed");
                    }
                    if (labels != null) {
                        labels.add(labelCell, line);
                    }
                }
            }
            if (features.rows() == 0) {
                throw new MalformedDataException(file + ": no data rows" + (header ? " after the header" : ""));
            }
            Tensor x = features.finish(dtype, null);
            try {
                if (imputer != null) {
                    if (!imputer.isFitted()) {
                        requirePresent(file, names, featureColumns, present);
                        imputer.fit(x);
                    }
                    if (anyMissing) {
                        imputer.transform(x, x);
                    }
                }
            } catch (RuntimeException | Error e) {
                x.close();
                throw e;
            }
            return new Records(columns, x, labels);
        } catch (IOException | RuntimeException | Error e) {
            if (labels != null) {
                labels.close();
            }
            throw e;
        }
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

    @Override
    public String toString() {
        return "CsvReader[" + task.name().toLowerCase(Locale.ROOT) + ", label "
                + (labelName != null ? "'" + labelName + "'" : "column " + labelIndex) + ", delimiter '" + delimiter + "']";
    }
}
