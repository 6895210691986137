package dev.neurite.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which columns of a CSV file hold the label and the features. With a header row, columns are
 * matched by name: the label by its name (or index), the features by the expected names when
 * there are any (in their order, whatever the file's order), otherwise every other column. A file
 * without a header row is read by position. Nothing is ever matched silently by position when
 * names were expected: missing and unexpected names are an error that lists both.
 *
 * @param label the label column, or -1 when there is none in this file
 * @param features the feature columns, in the order the features are stored
 * @param featureNames one name per feature
 * @param width the number of fields every record must have
 */
record CsvColumns(int label, int[] features, List<String> featureNames, int width) {

    static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** What a reader asks for: the label by name or index, the expected feature names, dropped columns. */
    record Request(String labelName, int labelIndex, boolean labelRequired, List<String> expected, Set<String> dropped) {
    }

    /** The columns of a file whose first record {@code header} names them. */
    static CsvColumns byName(String file, List<String> header, Request r) {
        long numbers = header.stream().filter(h -> NUMBER.matcher(h).matches()).count();
        // all numbers, or all but one (a label) where none of the expected names is there
        if (!header.isEmpty() && (numbers == header.size() || (!r.expected().isEmpty() && numbers >= header.size() - 1
                && r.expected().stream().noneMatch(header::contains)))) {
            throw new MalformedDataException(file + ":1: the first row (" + preview(header) + ") looks like data, not "
                    + "column names; a file without a header row is read by position with noHeader() "
                    + "(--no-header on the command line)");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            Integer before = seen.putIfAbsent(header.get(c), c);
            if (before != null) {
                throw new MalformedDataException(file + ":1: the header names two columns '" + header.get(c)
                        + "' (columns " + (before + 1) + " and " + (c + 1) + "); column names must be distinct");
            }
        }
        int label = labelByName(file, header, r);
        for (String name : r.dropped()) {
            if (!seen.containsKey(name)) {
                throw new MalformedDataException(file + ":1: no column named '" + name + "' to drop; the header has "
                        + String.join(", ", header));
            }
        }
        List<Integer> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (r.expected().isEmpty()) {
            for (int c = 0; c < header.size(); c++) {
                if (c != label && !r.dropped().contains(header.get(c))) {
                    columns.add(c);
                    names.add(header.get(c));
                }
            }
        } else {
            List<String> missing = new ArrayList<>();
            for (String name : r.expected()) {
                Integer c = seen.get(name);
                if (c == null || c == label) {
                    missing.add(name);
                } else {
                    columns.add(c);
                    names.add(name);
                }
            }
            Set<String> expected = Set.copyOf(r.expected());
            List<String> unexpected = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                if (c != label && !expected.contains(header.get(c)) && !r.dropped().contains(header.get(c))) {
                    unexpected.add(header.get(c));
                }
            }
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                throw new MalformedDataException(file + ":1: the header does not name the expected feature columns: "
                        + (missing.isEmpty() ? "" : "missing " + quoted(missing))
                        + (missing.isEmpty() || unexpected.isEmpty() ? "" : ", ")
                        + (unexpected.isEmpty() ? "" : "unexpected " + quoted(unexpected))
                        + " (expected " + quoted(r.expected()) + (r.labelName() == null ? "" : " and the label '"
                        + r.labelName() + "'") + ")");
            }
        }
        requireFeatures(file, columns, header, label);
        return new CsvColumns(label, toArray(columns), names, header.size());
    }

    /**
     * The columns of a file without a header, whose first record has {@code width} fields: the
     * label at its index (when required, or when the record is one wider than the features), the
     * features in order, named as expected or {@code column_1, column_2, ...} by position.
     */
    static CsvColumns byPosition(String file, int width, Request r) {
        if (r.labelName() != null) {
            throw new IllegalArgumentException(file + ": a file without a header row needs the label column by "
                    + "its index, not by the name '" + r.labelName() + "'");
        }
        if (!r.dropped().isEmpty()) {
            throw new IllegalArgumentException(file + ": columns to drop are named by the header; this file has none");
        }
        int expected = r.expected().size();
        boolean withLabel = r.labelRequired() || (r.labelIndex() >= 0 && expected > 0 && width == expected + 1);
        int label = withLabel ? r.labelIndex() : -1;
        if (label >= width) {
            throw new MalformedDataException(file + ":1: label column index " + label + " is out of range: the rows have "
                    + width + " fields (0.." + (width - 1) + ")");
        }
        int featureCount = width - (label >= 0 ? 1 : 0);
        if (expected > 0 && featureCount != expected) {
            throw new MalformedDataException(file + ":1: " + width + " fields in a row without a header; expected "
                    + expected + " features " + quoted(r.expected())
                    + (r.labelIndex() >= 0 ? ", with or without the label at index " + r.labelIndex() : ""));
        }
        List<Integer> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (c != label) {
                names.add(expected > 0 ? r.expected().get(columns.size()) : "column_" + (c + 1));
                columns.add(c);
            }
        }
        requireFeatures(file, columns, null, label);
        return new CsvColumns(label, toArray(columns), names, width);
    }

    private static int labelByName(String file, List<String> header, Request r) {
        if (r.labelName() == null) {
            if (r.labelIndex() < 0) {
                return -1;
            }
            if (r.labelIndex() >= header.size()) {
                throw new MalformedDataException(file + ":1: label column index " + r.labelIndex()
                        + " is out of range: the header has " + header.size() + " columns (0.." + (header.size() - 1) + ")");
            }
            return r.labelIndex();
        }
        int found = header.indexOf(r.labelName());
        if (found < 0 && r.labelRequired()) {
            throw new MalformedDataException(file + ":1: no column named '" + r.labelName() + "' for the label; the header has "
                    + String.join(", ", header));
        }
        return found;
    }

    private static void requireFeatures(String file, List<Integer> columns, List<String> header, int label) {
        if (columns.isEmpty()) {
            throw new MalformedDataException(file + ":1: no feature columns"
                    + (label < 0 ? "" : " besides the label" + (header == null ? "" : " '" + header.get(label) + "'"))
                    + "; a model needs at least one");
        }
    }

    private static String preview(List<String> header) {
        return String.join(",", header.subList(0, Math.min(4, header.size()))) + (header.size() > 4 ? ",..." : "");
    }

    private static String quoted(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            q.add("'" + n + "'");
        }
        return "[" + String.join(", ", q) + "]";
    }

    private static int[] toArray(List<Integer> columns) {
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }
}
