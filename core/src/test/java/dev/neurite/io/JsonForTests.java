package dev.neurite.io;

/** The library's JSON parser, for tests in other packages. */
public final class JsonForTests {
    private JsonForTests() {
    }

    /** Objects as maps, arrays as lists, numbers as doubles. */
    public static Object parse(String text) {
        return JsonParser.parse(text, false);
    }
}
