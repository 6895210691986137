package dev.neurite.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Loads a model whose files come from elsewhere (class-path resources, an archive stream): they
 * are copied into a private temporary folder and loaded from there with every check of
 * {@link ModelIO#load}; the folder is deleted before this returns, and errors name where each file
 * came from instead of the copy.
 */
final class CopiedModel {

    /** Writes the model's files into a fresh folder. */
    interface Copier {
        void copyInto(Path folder) throws IOException;
    }

    private CopiedModel() {
    }

    /**
     * @param copier   puts {@code model.json} and its weights file into the folder
     * @param origin   what a file of the copy is called in messages, given its file name
     */
    static LoadedModel load(Copier copier, UnaryOperator<String> origin) throws IOException {
        Path copy = Files.createTempDirectory("neurite-model");
        try {
            copier.copyInto(copy);
            return ModelIO.load(copy, ModelIO.MODEL_FILE);
        } catch (ModelFileException e) {
            Path file = e.file();
            if (!file.startsWith(copy)) {
                throw e; // already names its origin
            }
            String problem = e.getMessage().substring(file.toString().length() + 2);
            throw new ModelFileException(Path.of(origin.apply(file.getFileName().toString())), problem, e);
        } finally {
            deleteTree(copy);
        }
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
