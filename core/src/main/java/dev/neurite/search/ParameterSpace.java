package dev.neurite.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Named hyper-parameters and where their values come from, in declaration order.
 *
 * <p>Text form: parameters separated by {@code ;}, each {@code name=values}. Values are
 * <ul>
 *   <li>{@code logu:LOW:HIGH}: log-uniform on {@code [LOW, HIGH)} (random search only);</li>
 *   <li>{@code u:LOW:HIGH}: uniform on {@code [LOW, HIGH)} (random search only);</li>
 *   <li>{@code int:LOW:HIGH}: an integer in {@code [LOW, HIGH]} (random search only);</li>
 *   <li>{@code choice:A|B|C}, or a plain list: alternatives separated by {@code |}; a list
 *       without {@code |} is split at commas, except for list-valued parameters (whose values
 *       contain commas, as {@code layers=256,128}), which only {@code |} splits.</li>
 * </ul>
 * Example: {@code lr=1e-3,3e-3;layers=128|256,128} (a 2 x 2 grid), or
 * {@code lr=logu:1e-4:1e-2;dropout=u:0:0.5;layers=choice:128|256,128}.
 */
public final class ParameterSpace {

    private final Map<String, Distribution> parameters;

    /** A space of these parameters, in iteration order. */
    public ParameterSpace(Map<String, Distribution> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a parameter space needs at least one parameter");
        }
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses the text form; {@code listValued} names the parameters whose values contain commas. */
    public static ParameterSpace parse(String spec, Set<String> listValued) {
        Objects.requireNonNull(spec, "spec");
        Map<String, Distribution> parameters = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException("search space: '" + item + "' is not name=values");
            }
            String name = item.substring(0, eq).strip();
            if (parameters.containsKey(name)) {
                throw new IllegalArgumentException("search space: parameter '" + name + "' is given twice");
            }
            parameters.put(name, distribution(name, item.substring(eq + 1).strip(), listValued.contains(name)));
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("search space: no parameters in '" + spec + "'");
        }
        return new ParameterSpace(parameters);
    }

    private static Distribution distribution(String name, String text, boolean listValued) {
        try {
            if (text.startsWith("logu:")) {
                double[] r = range(text.substring(5));
                return new Distribution.LogUniform(r[0], r[1]);
            }
            if (text.startsWith("u:")) {
                double[] r = range(text.substring(2));
                return new Distribution.Uniform(r[0], r[1]);
            }
            if (text.startsWith("int:")) {
                double[] r = range(text.substring(4));
                if (r[0] != Math.rint(r[0]) || r[1] != Math.rint(r[1])) {
                    throw new IllegalArgumentException("int range bounds must be integers, got " + text.substring(4));
                }
                return new Distribution.IntUniform((long) r[0], (long) r[1]);
            }
            String list = text.startsWith("choice:") ? text.substring(7) : text;
            String separator = list.contains("|") || listValued ? "\\|" : ",";
            List<String> values = new ArrayList<>();
            for (String v : list.split(separator)) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no values");
            }
            if (Set.copyOf(values).size() != values.size()) {
                throw new IllegalArgumentException("repeated values in " + values);
            }
            return new Distribution.Choice(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("search space: parameter '" + name + "=" + text + "': " + e.getMessage(), e);
        }
    }

    private static double[] range(String text) {
        String[] parts = text.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a range is LOW:HIGH, got '" + text + "'");
        }
        try {
            return Arrays.stream(parts).mapToDouble(p -> Double.parseDouble(p.strip())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("range bounds must be numbers, got '" + text + "'");
        }
    }

    /** The parameters in order. */
    public Map<String, Distribution> parameters() {
        return parameters;
    }

    /** The parameter names in order. */
    public List<String> names() {
        return List.copyOf(parameters.keySet());
    }

    /** True when every parameter is a finite list, so that a grid can enumerate the space. */
    public boolean isFinite() {
        return parameters.values().stream().allMatch(d -> d instanceof Distribution.Choice);
    }

    /** The text form. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parameters.forEach((name, d) -> parts.add(name + "=" + d.describe()));
        return String.join(";", parts);
    }

    @Override
    public String toString() {
        return "ParameterSpace[" + describe() + "]";
    }
}
