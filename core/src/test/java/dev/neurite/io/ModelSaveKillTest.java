package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.nn.Sequential;
import dev.neurite.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save killed at any instant leaves the old model or the new one: a child JVM
 * ({@link SaveKillChild}) saves model A, then model B, and is halted at each step of B's save in
 * turn, then killed ({@code destroyForcibly}) at random instants while it saves A and B by turns.
 * After each kill the folder loads, with the tensors of exactly A or exactly B; before the
 * manifest's rename it is A, from the rename on it is B. The next save leaves nothing behind.
 */
class ModelSaveKillTest {

    static final int KILLS = 50;
    static final int CHILD_TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    private final Map<String, Map<String, float[]>> models = new LinkedHashMap<>();

    @BeforeEach
    void rememberModels() {
        for (String which : List.of("A", "B")) {
            try (Sequential m = SaveKillChild.model(which.equals("A") ? SaveKillChild.SEED_A : SaveKillChild.SEED_B)) {
                Map<String, float[]> state = new LinkedHashMap<>();
                TensorFiles.modelState(m).forEach((name, t) -> state.put(name, t.toFloatArray()));
                models.put(which, state);
            }
        }
    }

    @Test
    void aKilledSaveLeavesTheOldOrTheNewModel() throws Exception {
        Path folder = dir.resolve("model");
        List<String> steps = stepsOfASave(folder);
        assertTrue(steps.containsAll(List.of("weights written", "weights forced", "weights renamed", "directory forced",
                "manifest written", "manifest forced", "manifest renamed", "commit forced", "old weights deleted")),
                steps.toString());
        int commit = steps.indexOf("manifest renamed");
        int kills = 0;
        int leftovers = 0;
        int newModel = steps.size() - commit; // the halted saves from the commit on left B
        for (int i = 0; i < steps.size(); i++) {
            Process child = start(folder, "halt", steps.get(i));
            assertTrue(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "child finished");
            assertEquals(SaveKillChild.HALTED, child.exitValue(), "halted at " + steps.get(i) + ": " + errors());
            assertEquals(i >= commit ? "B" : "A", loadWithoutCleaning(folder), "halted at " + steps.get(i));
            leftovers += saveAndCheckNothingIsLeft(folder);
            kills++;
        }
        Random random = new Random(7);
        while (kills < KILLS) {
            Process child = start(folder, "loop");
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertNotNull(line, "child started saving: " + errors());
            long saveNanos = Long.parseLong(line.substring("saving ".length()));
            TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * 3 * saveNanos));
            child.destroyForcibly();
            assertTrue(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "killed child finished");
            String which = loadWithoutCleaning(folder);
            assertTrue(which.equals("A") || which.equals("B"), which);
            newModel += which.equals("B") ? 1 : 0;
            leftovers += saveAndCheckNothingIsLeft(folder);
            kills++;
        }
        assertTrue(leftovers > 0, "some kills left temporaries or unreferenced weights for the next save to remove");
        System.out.println("KILLS total=" + kills + " halted_at_steps=" + steps.size() + " old_model=" + (kills - newModel)
                + " new_model=" + newModel + " unloadable=0 leftover_files_removed_by_next_save=" + leftovers);
    }

    /** The steps of saving B over A, recorded in this JVM. */
    private static List<String> stepsOfASave(Path folder) throws IOException {
        List<String> steps = new ArrayList<>();
        try (Sequential a = SaveKillChild.model(SaveKillChild.SEED_A);
             Sequential b = SaveKillChild.model(SaveKillChild.SEED_B)) {
            ModelIO.save(a, folder, SaveKillChild.metadata("A"));
            SaveSteps.hook = steps::add;
            try {
                ModelIO.save(b, folder, SaveKillChild.metadata("B"));
            } finally {
                SaveSteps.hook = null;
            }
        }
        return steps;
    }

    private Process start(Path folder, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                "-cp", System.getProperty("java.class.path"), SaveKillChild.class.getName()));
        command.add(args[0]);
        command.add(folder.toString());
        command.addAll(List.of(args).subList(1, args.length));
        return new ProcessBuilder(command).redirectError(dir.resolve("child-errors.txt").toFile()).start();
    }

    private String errors() throws IOException {
        Path file = dir.resolve("child-errors.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /**
     * Loads the folder holding its lock, so that the load leaves the kill's leftovers for the
     * next save; checks that every tensor is exactly A's or exactly B's and returns which.
     */
    private String loadWithoutCleaning(Path folder) throws IOException {
        try (FileChannel ch = FileChannel.open(folder.resolve(AtomicFiles.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = ch.lock();
             LoadedModel loaded = ModelIO.load(folder)) {
            String which = (String) loaded.metadata().get("which").orElseThrow();
            Map<String, float[]> expected = models.get(which);
            Map<String, Tensor> state = TensorFiles.modelState(loaded.model());
            assertEquals(expected.keySet(), state.keySet());
            expected.forEach((name, values) -> assertArrayEquals(values, state.get(name).toFloatArray(), name));
            return which;
        }
    }

    /** Counts the leftovers, saves A, and checks that only the new model and the lock file remain. */
    private static int saveAndCheckNothingIsLeft(Path folder) throws IOException {
        int leftovers = listing(folder).size() - 3;
        try (Sequential a = SaveKillChild.model(SaveKillChild.SEED_A)) {
            ModelIO.save(a, folder, SaveKillChild.metadata("A"));
        }
        assertEquals(Set.of(AtomicFiles.LOCK_FILE, ModelIO.MODEL_FILE, ModelIO.weightsFile(folder).getFileName().toString()),
                Set.copyOf(listing(folder)));
        return leftovers;
    }

    private static List<String> listing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
