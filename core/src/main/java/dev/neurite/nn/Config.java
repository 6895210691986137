package dev.neurite.nn;

import java.util.Set;

/**
 * The saved arguments of a layer ({@link Layer#config()}, read back by its {@link LayerTypes}
 * factory) or of an optimizer ({@code Optimizer.config()}). A missing key or a value of the wrong
 * kind throws {@link IllegalArgumentException} naming the key; the file loaders add the file and
 * the place in it.
 */
public interface Config {

    /** The keys present besides the ones every entry has ({@code name}, {@code type}, ...). */
    Set<String> keys();

    /** A whole number of at least 1. */
    int positiveInt(String key);

    /** A finite number. */
    double number(String key);

    /** {@code true} or {@code false}. */
    boolean bool(String key);

    /** A string. */
    String string(String key);
}
