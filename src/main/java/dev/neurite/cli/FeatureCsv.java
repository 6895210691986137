package dev.neurite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The feature rows of a CSV file for prediction: a header row, then one row per sample. A
 * column named like the model's label column is ignored, so labelled files (a test file) and
 * unlabelled ones both work. When the header holds every training feature name, features are
 * taken by name (any column order); otherwise all remaining columns are the features, in order.
 */
final class FeatureCsv {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private FeatureCsv() {
    }

    /** The {@code (rows, features)} values of {@code file}, row-major, as the model expects them. */
    static double[][] read(Path file, String labelColumn, List<String> featureNames, int features) throws IOException {
        List<List<String>> records = parse(file, Files.readString(file));
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty file; expected a header row naming the columns");
        }
        List<String> header = records.getFirst();
        int[] columns = columns(file, header, labelColumn, featureNames, features);
        double[][] rows = new double[records.size() - 1][];
        if (rows.length == 0) {
            throw new IllegalArgumentException(file + ": no data rows after the header");
        }
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() != header.size()) {
                throw new IllegalArgumentException(file + ": row " + r + " has " + record.size()
                        + " fields, expected " + header.size() + " as in the header");
            }
            double[] row = new double[columns.length];
            for (int k = 0; k < columns.length; k++) {
                String cell = record.get(columns[k]);
                if (!NUMBER.matcher(cell).matches()) {
                    throw new IllegalArgumentException(file + ": row " + r + ", column " + (columns[k] + 1) + " ('"
                            + header.get(columns[k]) + "'): '" + cell + "' is not a number");
                }
                row[k] = Double.parseDouble(cell);
            }
            rows[r - 1] = row;
        }
        return rows;
    }

    private static int[] columns(Path file, List<String> header, String labelColumn, List<String> featureNames,
                                 int features) {
        if (!featureNames.isEmpty() && header.containsAll(featureNames)) {
            return featureNames.stream().mapToInt(header::indexOf).toArray();
        }
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (!header.get(c).equals(labelColumn)) {
                columns.add(c);
            }
        }
        if (columns.size() != features) {
            throw new IllegalArgumentException(file + ": the model expects " + features + " feature columns, found "
                    + columns.size() + (labelColumn == null ? "" : " (besides a label column '" + labelColumn + "')"));
        }
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Records of RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; blank lines skipped. */
    static List<List<String>> parse(Path file, String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                record.add(wasQuoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, record, field, wasQuoted);
                record = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file + ": a quoted field is not closed before the end of the file");
        }
        endRecord(records, record, field, wasQuoted);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field, boolean wasQuoted) {
        if (record.isEmpty() && field.toString().isBlank() && !wasQuoted) {
            return; // blank line
        }
        record.add(wasQuoted ? field.toString() : field.toString().strip());
        records.add(record);
    }
}
