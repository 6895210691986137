package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void infoListsEveryBackendAndTheChoice() {
        Result r = run("info");
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {"blas", "simd", "scalar"}) {
            assertTrue(r.out().contains("  " + name), r.out());
        }
        assertTrue(r.out().contains("Selected: "), r.out());
        assertTrue(r.out().contains("-bit vectors"), "info states the vector width:\n" + r.out());
        assertTrue(r.out().contains("core "), "info states the OpenBLAS core:\n" + r.out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Result r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void helpListsTheLauncherCommandsToo() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("info") && r.out().contains("test") && r.out().contains("bench"), r.out());
    }

    @Test
    void gradcheckEndsWithItsMaximumRelativeError() {
        Result r = run("gradcheck", "--layers", "5,4,3", "--activation", "tanh", "--loss", "softmax-ce",
                "--batchnorm", "--layernorm", "--dropout", "0.3", "--dtype", "f64", "--seed", "1");
        assertEquals(0, r.code(), r.err());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("GRADCHECK max_rel_error="), last);
        double error = Double.parseDouble(last.split(" ")[1].substring("max_rel_error=".length()));
        assertTrue(error < 1e-7, r.out());
        assertTrue(last.endsWith(" passed=true"), last);
        assertTrue(r.out().contains("batchnorm1.gamma") && r.out().contains("layernorm1.beta"), r.out());
    }

    @Test
    void gradcheckRejectsBadOptionsInOneLine() {
        Result r = run("gradcheck", "--loss", "nope");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("unknown --loss 'nope'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
