package dev.neurite.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Models shipped inside an application's jar: a folder written by {@link ModelIO#save} and packaged
 * as class-path resources ({@code src/main/resources/models/mnist/model.json} and the weights file
 * it names), e.g. {@code ClasspathModels.load(MyApp.class.getClassLoader(), "models/mnist")}.
 *
 * <p>The two files are copied to a private temporary folder and loaded from there with every check
 * of {@link ModelIO#load} (sizes before allocation, the recorded checksum, the architecture); the
 * folder is deleted before this returns. Errors name the resource, not the copy.
 */
public final class ClasspathModels {

    private ClasspathModels() {
    }

    /**
     * Loads the model saved under the resource folder {@code folder} of {@code loader}.
     *
     * @throws ModelFileException naming the resource that is missing or wrong
     * @throws IOException when the temporary copy cannot be written
     */
    public static LoadedModel load(ClassLoader loader, String folder) throws IOException {
        String base = folder.replaceAll("^/+|/+$", "");
        String prefix = base.isEmpty() ? "" : base + "/";
        Path copy = Files.createTempDirectory("neurite-model");
        try {
            copyResource(loader, prefix + ModelIO.MODEL_FILE, copy.resolve(ModelIO.MODEL_FILE));
            String weights = ModelIO.weightsFileName(JsonFile.read(copy.resolve(ModelIO.MODEL_FILE)));
            copyResource(loader, prefix + weights, copy.resolve(weights));
            return ModelIO.load(copy, ModelIO.MODEL_FILE);
        } catch (ModelFileException e) {
            Path file = e.file();
            String problem = e.getMessage().substring(file.toString().length() + 2);
            throw new ModelFileException(resourcePath(prefix + file.getFileName()), problem, e);
        } finally {
            deleteTree(copy);
        }
    }

    private static void copyResource(ClassLoader loader, String name, Path to) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelFileException(to, "no such class-path resource");
            }
            Files.copy(in, to);
        }
    }

    /** How a resource is named in messages: {@code classpath:models/mnist/model.json}. */
    private static Path resourcePath(String name) {
        return Path.of("classpath:" + name);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder left behind is not worth failing a load that succeeded
        }
    }
}
