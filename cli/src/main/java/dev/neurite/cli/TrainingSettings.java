package dev.neurite.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The model and training hyper-parameters of one run, checked; {@link #with} gives a copy with
 * one setting changed, which is how a search tries candidates.
 */
record TrainingSettings(List<Integer> layers, String activation, String optimizer, double lr, String schedule,
                        int epochs, int batchSize, double dropout, boolean batchNorm, double l1, double l2,
                        double clipNorm, double clipValue, int earlyStopping, String scaler, long seed,
                        String device) {

    /** Names a search may vary, as {@code --NAME} options spell them. */
    static final Set<String> SEARCHABLE = Set.of("layers", "activation", "optimizer", "lr", "schedule", "epochs",
            "batch-size", "dropout", "batchnorm", "l1", "l2", "clip-norm", "clip-value", "early-stopping", "scaler");

    /** Search parameters whose values hold commas. */
    static final Set<String> LIST_VALUED = Set.of("layers");

    TrainingSettings {
        layers = List.copyOf(layers);
        for (int size : layers) {
            if (size < 1) {
                throw new IllegalArgumentException("--layers sizes must be positive, got " + layers);
            }
        }
        activation = activation.toLowerCase(Locale.ROOT);
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        scaler = scaler.toLowerCase(Locale.ROOT);
        Networks.activation(activation); // fails on unknown names
        if (!Networks.OPTIMIZERS.contains(optimizer)) {
            throw new IllegalArgumentException("unknown --optimizer '" + optimizer + "' (" + String.join(", ", Networks.OPTIMIZERS) + ")");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be positive, got " + lr);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        requireNonNegative("--l1", l1);
        requireNonNegative("--l2", l2);
        requireNonNegative("--clip-norm", clipNorm);
        requireNonNegative("--clip-value", clipValue);
        if (earlyStopping < 0) {
            throw new IllegalArgumentException("--early-stopping must be >= 0 (0: off), got " + earlyStopping);
        }
        if (!Set.of("standard", "minmax", "none").contains(scaler)) {
            throw new IllegalArgumentException("--scaler must be standard, minmax or none, got '" + scaler + "'");
        }
        Networks.checkSchedule(schedule);
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }

    /** A copy with the setting {@code name} (a {@link #SEARCHABLE} name) set from text. */
    TrainingSettings with(String name, String value) {
        try {
            return switch (name) {
                case "layers" -> new TrainingSettings(parseLayers(value), activation, optimizer, lr, schedule, epochs,
                        batchSize, dropout, batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "activation" -> new TrainingSettings(layers, value, optimizer, lr, schedule, epochs, batchSize,
                        dropout, batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "optimizer" -> new TrainingSettings(layers, activation, value, lr, schedule, epochs, batchSize,
                        dropout, batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "lr" -> new TrainingSettings(layers, activation, optimizer, number(value), schedule, epochs,
                        batchSize, dropout, batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "schedule" -> new TrainingSettings(layers, activation, optimizer, lr, value, epochs, batchSize,
                        dropout, batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "epochs" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, integer(value),
                        batchSize, dropout, batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "batch-size" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, epochs,
                        integer(value), dropout, batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "dropout" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, epochs, batchSize,
                        number(value), batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "batchnorm" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, epochs, batchSize,
                        dropout, bool(value), l1, l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "l1" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, epochs, batchSize,
                        dropout, batchNorm, number(value), l2, clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "l2" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, epochs, batchSize,
                        dropout, batchNorm, l1, number(value), clipNorm, clipValue, earlyStopping, scaler, seed, device);
                case "clip-norm" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, epochs, batchSize,
                        dropout, batchNorm, l1, l2, number(value), clipValue, earlyStopping, scaler, seed, device);
                case "clip-value" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, epochs, batchSize,
                        dropout, batchNorm, l1, l2, clipNorm, number(value), earlyStopping, scaler, seed, device);
                case "early-stopping" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, epochs,
                        batchSize, dropout, batchNorm, l1, l2, clipNorm, clipValue, integer(value), scaler, seed, device);
                case "scaler" -> new TrainingSettings(layers, activation, optimizer, lr, schedule, epochs, batchSize,
                        dropout, batchNorm, l1, l2, clipNorm, clipValue, earlyStopping, value, seed, device);
                default -> throw new IllegalArgumentException("cannot search over '" + name + "'; searchable: "
                        + String.join(", ", SEARCHABLE.stream().sorted().toList()));
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("search parameter " + name + "=" + value + " is not a number");
        }
    }

    /** Hidden sizes from {@code 256,128}; empty text (or {@code none}) is no hidden layer. */
    static List<Integer> parseLayers(String text) {
        List<Integer> sizes = new ArrayList<>();
        if (text.isBlank() || text.equalsIgnoreCase("none")) {
            return sizes;
        }
        for (String part : text.split(",")) {
            try {
                sizes.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--layers must be sizes like 256,128, got '" + text + "'");
            }
        }
        return sizes;
    }

    private static double number(String v) {
        return Double.parseDouble(v.strip());
    }

    private static int integer(String v) {
        double d = number(v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected a whole number, got " + v);
        }
        return (int) d;
    }

    private static boolean bool(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got " + v);
        };
    }

    /** The settings as text, for model metadata and reports. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", layers);
        m.put("activation", activation);
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("schedule", schedule);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("dropout", dropout);
        m.put("batchnorm", batchNorm);
        m.put("l1", l1);
        m.put("l2", l2);
        m.put("clip_norm", clipNorm);
        m.put("clip_value", clipValue);
        m.put("early_stopping", earlyStopping);
        m.put("scaler", scaler);
        m.put("seed", seed);
        return m;
    }
}
