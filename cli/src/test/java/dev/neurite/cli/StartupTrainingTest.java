package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The workload the launcher records its start-up cache from must succeed and clean up after itself. */
class StartupTrainingTest {

    @Test
    void everyCommandSucceedsAndTheTemporaryFolderIsGone() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = workloadFolders(tmp);
        assertNull(StartupTraining.run(), "a command of the workload failed");
        assertEquals(before, workloadFolders(tmp), "the workload left its temporary folder behind");
    }

    private static long workloadFolders(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("neurite-startup")).count();
        }
    }
}
