package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.kernel.opencl.OpenClDevice;
import dev.neurite.kernel.opencl.OpenClDevices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
    void everySubcommandIsRegisteredUnderItsOwnNameAndTheHelpListsThemAll() {
        for (Map.Entry<String, java.util.function.Supplier<Object>> e : Main.COMMANDS.entrySet()) {
            Object command = e.getValue().get();
            assertEquals(e.getKey(), command.getClass().getAnnotation(CommandLine.Command.class).name());
        }
        Result help = run("--help");
        assertEquals(0, help.code(), help.err());
        for (String name : Main.COMMANDS.keySet()) {
            assertTrue(help.out().contains("\n  " + name + " "), name + " missing from:\n" + help.out());
        }
        Result typo = run("predcit");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("predict"), "suggests the command: " + typo.err());
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
    void infoListsEachOpenClDeviceOnce() {
        Result r = run("info");
        assertEquals(0, r.code(), r.err());
        List<OpenClDevice> devices = OpenClDevices.list();
        assertFalse(devices.isEmpty(), "no OpenCL device: install pocl-opencl-icd and ocl-icd-libopencl1");
        for (OpenClDevice device : devices) {
            long sameName = devices.stream().filter(d -> d.name().equals(device.name())).count();
            assertEquals(sameName, r.out().lines().filter(l -> l.contains(device.name())).count(),
                    device.name() + " once per device:\n" + r.out());
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        Result r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void usageErrorsAreOneLineWithAPointerToHelp() {
        Result r = run("gradcheck", "--epsilon", "x");
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("neurite gradcheck: ") && lines.get(0).contains("--epsilon"), r.err());
        assertEquals("Run 'neurite gradcheck --help' for the options.", lines.get(1));
    }

    @Test
    void spaceSeparatedLayersSuggestTheCommaList() {
        Result r = run("gradcheck", "--layers", "5", "4", "3");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().lines().findFirst().orElseThrow().endsWith("did you mean --layers 5,4,3?"), r.err());
    }

    @Test
    void helpListsTheLauncherCommandsToo() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("info") && r.out().contains("test") && r.out().contains("bench"), r.out());
    }

    @Test
    void helpSummarisesEachCommandInWholeSentencesWithinTheWidth() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String line : r.out().lines().toList()) {
            assertTrue(line.length() <= Main.USAGE_WIDTH, "longer than " + Main.USAGE_WIDTH + ": " + line);
        }
        // "  name   summary", continued on lines indented deeper, up to the blank line after the list
        List<String> list = r.out().lines().dropWhile(l -> !l.equals("Commands:")).skip(1)
                .takeWhile(l -> !l.isBlank()).toList();
        Map<String, String> summaries = new LinkedHashMap<>();
        String current = null;
        for (String line : list) {
            if (line.startsWith("   ")) {
                summaries.merge(current, " " + line.strip(), String::concat);
            } else {
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                summaries.put(current, parts.length > 1 ? parts[1] : "");
            }
        }
        assertEquals(List.copyOf(Main.COMMANDS.keySet()), List.copyOf(summaries.keySet()), r.out());
        summaries.forEach((name, summary) -> assertTrue(summary.endsWith("."), name + ": '" + summary + "'"));
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
