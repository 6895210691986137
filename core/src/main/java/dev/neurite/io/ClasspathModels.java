package dev.neurite.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
        return CopiedModel.load(copy -> {
            copyResource(loader, prefix + ModelIO.MODEL_FILE, copy.resolve(ModelIO.MODEL_FILE));
            String weights = ModelIO.weightsFileName(JsonFile.read(copy.resolve(ModelIO.MODEL_FILE)));
            copyResource(loader, prefix + weights, copy.resolve(weights));
        }, name -> "classpath:" + prefix + name);
    }

    private static void copyResource(ClassLoader loader, String name, Path to) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelFileException(to, "no such class-path resource");
            }
            Files.copy(in, to);
        }
    }
}
