package dev.neurite.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text form of a {@link GradientCheck.Report}. */
final class GradientCheckTable {

    private static final String ROW = "%-22s %-10s %8s %8s %14s %14s  %s%n";

    private GradientCheckTable() {
    }

    static String format(GradientCheck.Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, ROW, "tensor", "shape", "checked", "skipped", "max_abs_error",
                "max_rel_error", "status"));
        for (GradientCheck.Entry e : report.entries()) {
            String status = e.failed() > 0 ? "FAIL" : e.elements() > 0 && e.checked() == 0 ? "unchecked" : "ok";
            sb.append(String.format(Locale.ROOT, ROW, e.name(), e.shape(), e.checked(), e.skipped(),
                    sci(e.maxAbsoluteError()), sci(e.maxRelativeError()), status));
        }
        for (GradientCheck.Entry e : report.entries()) {
            if (e.skipped() > 0) {
                List<String> kinks = new ArrayList<>();
                for (Map.Entry<String, Integer> k : e.skippedByKink().entrySet()) {
                    kinks.add(k.getKey() + " (" + k.getValue() + ")");
                }
                kinks.sort(null);
                sb.append(String.format(Locale.ROOT, "skipped %s: %d of %d, finite difference across a kink of %s%n",
                        e.name(), e.skipped(), e.elements(), String.join(", ", kinks)));
            }
        }
        GradientCheck.Settings s = report.settings();
        sb.append(String.format(Locale.ROOT,
                "pass: |analytic - numeric| <= atol + rtol * |numeric| (epsilon %s, atol %s, rtol %s); "
                        + "rel_error = |analytic - numeric| / max(|numeric|, atol / rtol)%n",
                shortNumber(s.epsilon()), shortNumber(s.atol()), shortNumber(s.rtol())));
        return sb.toString();
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** {@code 1e-4}, {@code 2.5e-7}: the shortest scientific form of a setting. */
    private static String shortNumber(double v) {
        if (v == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.2e", v).replaceAll("\\.?0+e", "e").replaceAll("e([+-])0+(\\d)", "e$1$2")
                .replace("e+", "e");
    }
}
