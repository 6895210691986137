package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed reads of metadata values: the value, nothing when absent, or an error naming key and type. */
class MetadataTest {

    private final Metadata metadata = Metadata.empty()
            .with("task", "classification")
            .with("names", List.of("a", "b"))
            .with("count", 5)
            .with("mixed", List.of("a", 2))
            .with("nested", Map.of("k", "v"))
            .with("nothing", null);

    @Test
    void valuesOfTheRightTypeAndAbsentOnes() {
        assertEquals(Optional.of("classification"), metadata.string("task"));
        assertEquals(Optional.of(List.of("a", "b")), metadata.strings("names"));
        assertEquals(Optional.empty(), metadata.string("missing"));
        assertEquals(Optional.empty(), metadata.strings("nothing"));
        assertEquals(List.of(), metadata.classNames());
    }

    @Test
    void valuesOfTheWrongTypeNameTheKeyAndWhatTheyAre() {
        assertEquals("metadata 'count' must be a string, got a number (5)",
                assertThrows(IllegalStateException.class, () -> metadata.string("count")).getMessage());
        assertEquals("metadata 'nested' must be a string, got an object",
                assertThrows(IllegalStateException.class, () -> metadata.string("nested")).getMessage());
        assertEquals("metadata 'task' must be a list of strings, got a string (\"classification\")",
                assertThrows(IllegalStateException.class, () -> metadata.strings("task")).getMessage());
        assertEquals("metadata 'mixed' must be a list of strings, got a number (2) at [1]",
                assertThrows(IllegalStateException.class, () -> metadata.strings("mixed")).getMessage());
    }

    @Test
    void classNamesMustBeStringsWhenSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metadata.empty().with(Metadata.CLASS_NAMES, 5));
        assertEquals("metadata 'class_names' must be a list of strings, got a number (5)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metadata.empty().with(Metadata.CLASS_NAMES, List.of(1, 2)));
    }
}
