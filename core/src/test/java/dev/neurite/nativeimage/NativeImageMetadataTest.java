package dev.neurite.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.JsonForTests;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The native-image metadata of the core registers exactly the downcall shapes the bindings link
 * and the resources the core reads, so that it cannot drift from the code. GraalVM's native-image
 * cannot be installed where Neurite is built, so this checks the metadata against the code rather
 * than by building an image.
 */
class NativeImageMetadataTest {

    static final String METADATA = "META-INF/native-image/dev.neurite/neurite-core/reachability-metadata.json";

    /** The files that create downcall handles; each keeps its descriptors in static fields. */
    static final Set<String> DOWNCALL_FILES = Set.of("cblas_h.java", "cl_h.java", "CblasCritical.java",
            "LazyZeroMemory.java");

    @Test
    void everyDowncallTheBindingsLinkIsRegisteredAndNothingElse() throws Exception {
        assertEquals(linkedShapes(), registeredShapes(),
                "the downcalls of " + METADATA + " differ from those the core links (run this test's main "
                        + "to print the list)");
    }

    @Test
    void downcallsAreCreatedOnlyWhereThisTestLooks() throws IOException {
        Path sources = Path.of("src", "main", "java"); // the tests run in core/
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> creating = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> read(p).contains("downcallHandle("))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(new TreeSet<>(DOWNCALL_FILES), new TreeSet<>(creating),
                    "a new file links downcalls: keep its descriptors in static fields and add it to DOWNCALL_FILES");
        }
    }

    @Test
    void everyOpenClKernelSourceIsARegisteredResource() throws Exception {
        List<String> globs = new ArrayList<>();
        for (Object entry : list(metadata().get("resources"))) {
            globs.add((String) ((Map<?, ?>) entry).get("glob"));
        }
        Path classes = classesRoot();
        List<String> kernels;
        try (Stream<Path> files = Files.walk(classes)) {
            kernels = files.filter(p -> p.toString().endsWith(".cl"))
                    .map(p -> classes.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertTrue(kernels.size() >= 5, "the OpenCL kernel sources are packaged: " + kernels);
        for (String kernel : kernels) {
            assertTrue(globs.stream().anyMatch(g -> kernel.matches(g.replace(".", "\\.").replace("*", "[^/]*"))),
                    kernel + " is read at run time but no resource glob of " + METADATA + " matches it: " + globs);
        }
    }

    /** Prints the downcalls section for the linked shapes, to paste into the metadata. */
    public static void main(String[] args) throws Exception {
        System.out.println(linkedShapes().stream().map(NativeImageMetadataTest::json)
                .collect(Collectors.joining(",\n      ", "      ", "")));
    }

    /** Every static FunctionDescriptor field of the core's classes, plus CblasCritical's critical shapes. */
    static Set<String> linkedShapes() throws Exception {
        Set<String> shapes = new TreeSet<>();
        Path classes = classesRoot();
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(n -> n.startsWith("dev.neurite.") && !n.endsWith("module-info")).sorted().toList();
        }
        ClassLoader loader = NativeImageMetadataTest.class.getClassLoader();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, loader);
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == FunctionDescriptor.class) {
                    f.setAccessible(true); // reading it links the binding: the libraries must load
                    shapes.add(shape((FunctionDescriptor) f.get(null), false));
                }
            }
        }
        Class<?> critical = Class.forName("dev.neurite.kernel.blas.CblasCritical", true, loader);
        Method descriptors = critical.getDeclaredMethod("descriptors");
        descriptors.setAccessible(true);
        for (Object d : (List<?>) descriptors.invoke(null)) {
            shapes.add(shape((FunctionDescriptor) d, true));
        }
        return shapes;
    }

    static Set<String> registeredShapes() throws IOException {
        Set<String> shapes = new TreeSet<>();
        Map<?, ?> foreign = (Map<?, ?>) metadata().get("foreign");
        assertNotNull(foreign, METADATA + " has no foreign section");
        for (Object entry : list(foreign.get("downcalls"))) {
            Map<?, ?> downcall = (Map<?, ?>) entry;
            List<String> parameters = list(downcall.get("parameterTypes")).stream().map(String.class::cast).toList();
            Map<?, ?> options = (Map<?, ?>) downcall.get("options");
            boolean critical = options != null && options.get("critical") instanceof Map<?, ?> c
                    && Boolean.FALSE.equals(c.get("allowHeapAccess"));
            shapes.add(shape((String) downcall.get("returnType"), parameters, critical));
        }
        return shapes;
    }

    private static String shape(FunctionDescriptor d, boolean critical) {
        return shape(d.returnLayout().map(NativeImageMetadataTest::type).orElse("void"),
                d.argumentLayouts().stream().map(NativeImageMetadataTest::type).toList(), critical);
    }

    private static String shape(String returnType, List<String> parameters, boolean critical) {
        return returnType + " (" + String.join(", ", parameters) + ")" + (critical ? " critical" : "");
    }

    /** A layout as the metadata spells it: j-types for Java primitives, void* for any pointer. */
    private static String type(MemoryLayout layout) {
        if (layout instanceof AddressLayout) {
            return "void*";
        }
        if (layout instanceof ValueLayout v) {
            return "j" + v.carrier().getName();
        }
        throw new AssertionError("a layout the metadata check does not know: " + layout);
    }

    private static String json(String shape) {
        String returnType = shape.substring(0, shape.indexOf(" ("));
        String parameters = shape.substring(shape.indexOf('(') + 1, shape.indexOf(')'));
        String params = parameters.isEmpty() ? "" : "\"" + String.join("\", \"", parameters.split(", ")) + "\"";
        return "{ \"returnType\": \"" + returnType + "\", \"parameterTypes\": [" + params + "]"
                + (shape.endsWith(" critical") ? ", \"options\": { \"critical\": { \"allowHeapAccess\": false } }" : "")
                + " }";
    }

    private static Map<?, ?> metadata() throws IOException {
        try (InputStream in = NativeImageMetadataTest.class.getClassLoader().getResourceAsStream(METADATA)) {
            assertNotNull(in, METADATA + " is not on the class path");
            return (Map<?, ?>) JsonForTests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    private static Path classesRoot() throws URISyntaxException {
        // the folder or jar the core's classes come from: target/classes in a build
        return Path.of(dev.neurite.tensor.Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
