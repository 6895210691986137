package dev.neurite.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The thread setting's parsing; the command line's use of it runs in child JVMs (cli.MainProcessTest). */
class KernelThreadsTest {

    @Test
    void wholeNumbersOfAtLeastOneAreAccepted() {
        assertEquals(1, KernelThreads.parseCount("1", KernelThreads.ENV));
        assertEquals(12, KernelThreads.parseCount(" 12 ", KernelThreads.ENV));
    }

    @Test
    void anythingElseNamesTheSettingAndTheValue() {
        for (String bad : new String[] {"0", "-3", "abc", "2.5", "99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelThreads.parseCount(bad, KernelThreads.ENV));
            assertEquals("NEURITE_THREADS must be a whole number >= 1, got '" + bad + "'", e.getMessage());
        }
    }
}
