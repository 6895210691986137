package dev.neurite.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The results of a search, best first: by score, highest or lowest first as the direction
 * says; NaN scores (diverged runs) last; ties keep candidate order.
 */
public final class SearchResults {

    /** Whether a higher or a lower score is better. */
    public enum Direction {
        /** Higher is better (accuracy, R^2). */
        MAXIMIZE,
        /** Lower is better (loss, RMSE). */
        MINIMIZE
    }

    private final String scoreName;
    private final Direction direction;
    private final List<SearchResult> sorted;

    /** The results ranked by {@code scoreName} in {@code direction}. */
    public SearchResults(String scoreName, Direction direction, List<SearchResult> results) {
        this.scoreName = Objects.requireNonNull(scoreName, "scoreName");
        this.direction = Objects.requireNonNull(direction, "direction");
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one result");
        }
        Comparator<SearchResult> byScore = Comparator.comparingDouble(SearchResult::score);
        if (direction == Direction.MAXIMIZE) {
            byScore = byScore.reversed();
        }
        Comparator<SearchResult> order = Comparator.<SearchResult, Boolean>comparing(r -> Double.isNaN(r.score()))
                .thenComparing(byScore)
                .thenComparingInt(r -> r.candidate().index());
        List<SearchResult> copy = new ArrayList<>(results);
        copy.sort(order);
        this.sorted = List.copyOf(copy);
    }

    /** The name of the score. */
    public String scoreName() {
        return scoreName;
    }

    /** Whether higher or lower is better. */
    public Direction direction() {
        return direction;
    }

    /** All results, best first. */
    public List<SearchResult> ranked() {
        return sorted;
    }

    /** The best result. */
    public SearchResult best() {
        return sorted.getFirst();
    }

    /** Column names of {@link #rows()}: rank, the parameters, the metrics, seconds. */
    public List<String> header() {
        List<String> header = new ArrayList<>();
        header.add("rank");
        header.addAll(best().candidate().values().keySet());
        header.addAll(best().metrics().keySet());
        header.add("seconds");
        return header;
    }

    /** One row of text cells per result, best first, matching {@link #header()}. */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            SearchResult r = sorted.get(i);
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(i + 1));
            row.addAll(r.candidate().values().values());
            for (String metric : best().metrics().keySet()) {
                Double v = r.metrics().get(metric);
                row.add(v == null ? "" : String.format(Locale.ROOT, "%.4f", v));
            }
            row.add(String.format(Locale.ROOT, "%.1f", r.seconds()));
            rows.add(row);
        }
        return rows;
    }

    /** A fixed-width text table of {@link #header()} and {@link #rows()}. */
    public String table() {
        List<String> header = header();
        List<List<String>> rows = rows();
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, width);
        for (List<String> row : rows) {
            appendRow(sb, row, width);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(String.format("%-" + width[c] + "s", cells.get(c)));
        }
        sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
