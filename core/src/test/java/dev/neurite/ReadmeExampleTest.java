package dev.neurite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs every Java example of README.md, so that the examples never rot. */
class ReadmeExampleTest {

    @Test
    void readmeExamplesCompileRunAndPrintWhatTheySay(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md")); // the tests run in core/
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int examples = 0;
        Set<Path> before = temporaryEntries();
        try {
            while (block.find()) {
                check(block.group(1), dir.resolve("example" + examples++));
            }
        } finally {
            // an example that saves a model does so in a folder of its own under java.io.tmpdir,
            // as an application would; remove what the examples left there
            for (Path left : temporaryEntries()) {
                if (!before.contains(left)) {
                    deleteTree(left);
                }
            }
        }
        assertTrue(examples >= 2, "README.md shows the tensor and the training examples");
    }

    private static Set<Path> temporaryEntries() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("xor-model")).collect(Collectors.toSet());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void check(String example, Path dir) throws Exception {
        Files.createDirectories(dir);
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : example.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String source = imports + "public class ReadmeExample {\n"
                + "  public static void main(String[] args) throws Exception {\n" + body + "  }\n}\n";
        Path file = dir.resolve("ReadmeExample.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), file.toString());
        assertEquals(0, rc, "README example does not compile:\n" + diagnostics + "\n" + source);

        // the expected output is the comment on the println line of the example itself
        Matcher expected = Pattern.compile("println\\(.*// (.*)").matcher(body);
        assertTrue(expected.find(), "the example states what it prints");
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader())) {
            Method main = loader.loadClass("ReadmeExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        assertEquals(List.of(expected.group(1).trim()), printed.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
