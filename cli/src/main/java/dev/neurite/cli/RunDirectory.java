package dev.neurite.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output folder of one run, written whole. By default each run gets a fresh folder
 * ({@code runs/train-20261204-101500}); an explicit folder that already holds files is refused
 * unless the command was given {@code --overwrite}. Either way the run writes into a hidden
 * staging folder beside the target and {@link #commit()} moves it into place, so a failed run
 * leaves nothing behind and an overwritten run is replaced as a whole, never mixed with the new
 * one's files. Staging folders left by killed runs are removed by the next run into that folder.
 */
final class RunDirectory implements AutoCloseable {

    /** Where runs go when no folder is given. */
    static final Path DEFAULT_PARENT = Path.of("runs");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String STAGING = ".partial-";
    private static final String RETIRED = ".old-";

    private final Path target;
    private final Path staging;
    private boolean committed;

    private RunDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Prepares the folder of a {@code command} run: {@code requested} (from {@code option}), or a
     * fresh folder under {@link #DEFAULT_PARENT} when it is null.
     */
    static RunDirectory open(String option, Path requested, String command, boolean overwrite) throws IOException {
        Path target = requested == null ? fresh(DEFAULT_PARENT, command) : requested.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IllegalArgumentException(option + " " + requested + ": cannot write a run into the root folder");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException(option + " " + requested + " is a file; expected a folder for the run");
        }
        Files.createDirectories(parent);
        removeLeftovers(target);
        if (Files.exists(target) && !overwrite && !isEmpty(target)) {
            throw new IllegalArgumentException(option + " " + requested + " already holds files of another run; give "
                    + "--overwrite to replace that run, or another " + option);
        }
        Path staging = parent.resolve("." + target.getFileName() + STAGING + UUID.randomUUID());
        Files.createDirectory(staging);
        return new RunDirectory(target, staging);
    }

    /** Where the run writes its files until {@link #commit()}. */
    Path staging() {
        return staging;
    }

    /** Where the run's files will be, for messages. */
    Path target() {
        return target;
    }

    /** Moves the run into place, replacing a previous run there as a whole. */
    void commit() throws IOException {
        if (Files.exists(target)) {
            Path retired = target.resolveSibling("." + target.getFileName() + RETIRED + UUID.randomUUID());
            Files.move(target, retired, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            delete(retired);
        } else {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    /** Removes the staging folder of a run that did not commit. */
    @Override
    public void close() {
        if (!committed) {
            try {
                delete(staging);
            } catch (IOException e) {
                // the run's own failure is the one to report
            }
        }
    }

    /** A folder under {@code parent} named for the command and the time, that does not exist yet. */
    static Path fresh(Path parent, String command) {
        String stamp = LocalDateTime.now().format(STAMP);
        Path base = parent.toAbsolutePath().resolve(command + "-" + stamp);
        Path p = base;
        for (int i = 2; Files.exists(p); i++) {
            p = base.resolveSibling(base.getFileName() + "-" + i);
        }
        return p;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * Deletes staging folders of killed runs into {@code target}; a retired run whose replacement
     * never arrived (killed between the two moves of a commit) is put back.
     */
    private static void removeLeftovers(Path target) throws IOException {
        String name = "." + target.getFileName();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(), name + "*")) {
            for (Path p : siblings) {
                String n = p.getFileName().toString();
                if (n.startsWith(name + STAGING)) {
                    delete(p);
                } else if (n.startsWith(name + RETIRED)) {
                    if (Files.exists(target)) {
                        delete(p);
                    } else {
                        Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            }
        }
    }

    /** Deletes {@code dir} and everything under it; a missing {@code dir} is nothing to do. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
