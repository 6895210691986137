package dev.neurite.io;

import java.util.List;
import java.util.Map;

/**
 * The small JSON writer Neurite's model files need. Values are Java objects: {@link Map} with
 * string keys (written in iteration order), {@link List}, {@link String}, {@link Boolean},
 * {@code null}, integral numbers ({@link Long}, {@link Integer}) and {@link Double}.
 *
 * <p>Doubles are written in Java's shortest round-trip form ({@code 0.1}, {@code 1.0E-5}), so
 * {@link JsonParser} reads back the identical value; a double always has a point or an exponent,
 * so it comes back as a {@code Double}, and an integer as a {@code Long}. Non-finite doubles are
 * written as the bare tokens {@code NaN}, {@code Infinity} and {@code -Infinity}, as Python's
 * {@code json} module does (standard JSON has no spelling for them).
 */
final class Json {

    private Json() {
    }

    /** The value on one line. */
    static String compact(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, -1, 0);
        return sb.toString();
    }

    /** The value indented by two spaces per level, ending in a newline. */
    static String pretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 2, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object value, int indent, int depth) {
        switch (value) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Long l -> sb.append(l);
            case Integer i -> sb.append(i);
            case Double d -> number(sb, d);
            case Map<?, ?> map -> object(sb, map, indent, depth);
            case List<?> list -> array(sb, list, indent, depth);
            default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                    + " as JSON: " + value);
        }
    }

    private static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d)) {
            sb.append("NaN");
        } else if (Double.isInfinite(d)) {
            sb.append(d > 0 ? "Infinity" : "-Infinity");
        } else {
            sb.append(Double.toString(d));
        }
    }

    private static void object(StringBuilder sb, Map<?, ?> map, int indent, int depth) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(sb, indent, depth + 1);
            string(sb, key);
            sb.append(indent < 0 ? ":" : ": ");
            write(sb, e.getValue(), indent, depth + 1);
        }
        newline(sb, indent, depth);
        sb.append('}');
    }

    private static void array(StringBuilder sb, List<?> list, int indent, int depth) {
        // arrays of scalars stay on one line: shapes and number lists read better that way
        boolean flat = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(flat && indent >= 0 ? ", " : ",");
            }
            if (!flat) {
                newline(sb, indent, depth + 1);
            }
            write(sb, list.get(i), indent, depth + 1);
        }
        if (!flat && !list.isEmpty()) {
            newline(sb, indent, depth);
        }
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int indent, int depth) {
        if (indent >= 0) {
            sb.append('\n').repeat(' ', indent * depth);
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** True for a surrogate that is part of a proper pair (lone ones are escaped, not encoded). */
    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
