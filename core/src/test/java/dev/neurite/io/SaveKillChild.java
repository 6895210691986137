package dev.neurite.io;

import dev.neurite.nn.Dense;
import dev.neurite.nn.ReLU;
import dev.neurite.nn.Sequential;
import java.nio.file.Path;

/**
 * The child JVM of {@link ModelSaveKillTest}. {@code halt DIR STEP} saves model A to DIR, then
 * saves model B and halts the JVM (as a crash would: no finally blocks, no shutdown hooks) when
 * the save reaches STEP; it exits 0 if the step never comes. {@code loop DIR} prints
 * {@code saving NANOS} (the time one save took) and then saves B and A by turns until killed.
 */
final class SaveKillChild {

    static final long SEED_A = 101;
    static final long SEED_B = 202;
    /** The exit status of a child halted at its step. */
    static final int HALTED = 77;

    private SaveKillChild() {
    }

    /** Model A or B: about 2 MB of weights, so that killing a save at a random instant often lands in a write. */
    static Sequential model(long seed) {
        return new Sequential(128, seed, new Dense(128, 4096), new ReLU(), new Dense(4096, 4));
    }

    static Metadata metadata(String which) {
        return Metadata.empty().with("which", which);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        try (Sequential a = model(SEED_A); Sequential b = model(SEED_B)) {
            if (args[0].equals("halt")) {
                ModelIO.save(a, dir, metadata("A"));
                String step = args[2];
                SaveSteps.hook = reached -> {
                    if (reached.equals(step)) {
                        Runtime.getRuntime().halt(HALTED);
                    }
                };
                ModelIO.save(b, dir, metadata("B"));
                return;
            }
            // not a speed check: one save's duration sets the range of the parent's random kill
            // times, so that the kills fall all over the saves whatever this machine's speed
            long start = System.nanoTime();
            ModelIO.save(a, dir, metadata("A"));
            System.out.println("saving " + (System.nanoTime() - start));
            System.out.flush();
            for (int i = 0; ; i++) {
                ModelIO.save(i % 2 == 0 ? b : a, dir, metadata(i % 2 == 0 ? "B" : "A"));
            }
        }
    }
}
