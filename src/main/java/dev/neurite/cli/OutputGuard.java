package dev.neurite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Remembers the output paths a command is about to create, and removes them again if the
 * command fails part-way, so that a failed run leaves no partial output behind. Paths that
 * existed before are left alone (their writers replace them atomically).
 */
final class OutputGuard {

    private final List<Path> created = new ArrayList<>();

    /** Records {@code path} for removal on failure unless it exists already. */
    void claim(Path path) {
        if (!Files.exists(path)) {
            created.add(path);
        }
    }

    /** Removes everything claimed that now exists, newest first; best effort. */
    void rollback() {
        for (int i = created.size() - 1; i >= 0; i--) {
            Path p = created.get(i);
            if (!Files.exists(p)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            } catch (IOException e) {
                // the original failure is the one to report
            }
        }
    }
}
