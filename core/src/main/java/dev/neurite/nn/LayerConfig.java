package dev.neurite.nn;

import java.util.Set;

/**
 * The saved arguments of one layer (its {@link Layer#config()}), as a {@link LayerTypes} factory
 * reads them back. A missing key or a value of the wrong kind throws
 * {@link IllegalArgumentException} naming the key; the model file loader adds the file and the
 * layer's place in it.
 */
public interface LayerConfig {

    /** The keys present besides {@code name} and {@code type}. */
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
