package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON writer and strict parser: exact round trips, and errors with offsets. */
class JsonParserTest {

    @Test
    void roundTripsValuesExactly() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("ints", List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE));
        value.put("doubles", List.of(0.1, -0.0, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 3.0, Double.NaN,
                Double.NEGATIVE_INFINITY));
        value.put("text", "a\"b\\c\n\u0001 é \uD83D\uDE00 \uD800");
        List<Object> mixed = new ArrayList<>();
        mixed.add(null);
        mixed.add(true);
        mixed.add(Map.of());
        mixed.add(List.of());
        value.put("mixed", mixed);
        for (String text : List.of(Json.compact(value), Json.pretty(value))) {
            assertEquals(value, JsonParser.parse(text, true), text);
        }
    }

    private static JsonException error(String text) {
        return assertThrows(JsonException.class, () -> JsonParser.parse(text, false));
    }

    @Test
    void rejectsWhatStrictJsonRejects() {
        assertEquals(6, error("[1, 2,]").offset());
        assertEquals("unexpected ']', expected a value", error("[1, 2,]").getMessage());
        assertEquals("leading zero in a number", error("[01]").getMessage());
        assertEquals("duplicate key \"a\"", error("{\"a\": 1, \"a\": 2}").getMessage());
        assertEquals(9, error("{\"a\": 1, \"a\": 2}").offset());
        assertEquals("unexpected '/' after the end of the JSON value", error("{} // comment").getMessage());
        assertEquals("unterminated string", error("\"abc").getMessage());
        assertEquals("control character U+000A in a string (must be escaped)", error("\"a\nb\"").getMessage());
        assertEquals("invalid escape \"\\x\"", error("\"\\x41\"").getMessage());
        assertEquals("unexpected ''', expected a value", error("'single'").getMessage());
        assertEquals("unexpected 'N', expected a value (NaN is not standard JSON)", error("NaN").getMessage());
        assertEquals("expected a digit after the decimal point", error("1.").getMessage());
        assertEquals("integer 9223372036854775808 does not fit in 64 bits",
                error("9223372036854775808").getMessage());
        assertEquals("unexpected end of input, expected a value", error("").getMessage());
        assertEquals("nesting deeper than 256 levels", error("[".repeat(300)).getMessage());
    }
}
