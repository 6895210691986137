package dev.neurite.io;

import java.util.function.Consumer;

/**
 * Names each file operation of a save as it completes ({@code "weights written"},
 * {@code "weights forced"}, {@code "manifest renamed"}, {@code "old weights deleted"}, ...), so
 * that tests can stop a save between any two operations, as a crash would, and check that the
 * folder still holds a whole model. {@link #hook} is null in production.
 */
final class SaveSteps {

    /** Called with each step's name once the step is done; null unless a test sets it. */
    static volatile Consumer<String> hook;

    private SaveSteps() {
    }

    static void reached(String step) {
        Consumer<String> h = hook;
        if (h != null) {
            h.accept(step);
        }
    }
}
