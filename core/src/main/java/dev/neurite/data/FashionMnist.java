package dev.neurite.data;

import dev.neurite.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST: 70,000 grayscale 28 x 28 images of clothing in 10 classes (60,000 for training,
 * 10,000 for testing), as IDX files. Debian installs it with the package
 * {@code dataset-fashion-mnist} in {@link #DEFAULT_DIR}.
 */
public final class FashionMnist {

    /** Where the Debian package {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The Debian package that provides the files. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";

    /** Image height and width in pixels. */
    public static final int IMAGE_SIDE = 28;

    /** The class names, in class-index order. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** The training and test sets; features {@code (N, 784)} in [0, 1], targets {@code (N, 1)} class indices. */
    public record Split(Dataset train, Dataset test) {
    }

    private FashionMnist() {
    }

    /** Loads both sets from {@link #DEFAULT_DIR}. */
    public static Split load() throws IOException {
        return load(DEFAULT_DIR);
    }

    /** Loads both sets from {@code dir}, which holds the four IDX files (gzipped or not). */
    public static Split load(Path dir) throws IOException {
        return new Split(loadTrain(dir), loadTest(dir));
    }

    /** Loads the 60,000 training images and labels from {@code dir}. */
    public static Dataset loadTrain(Path dir) throws IOException {
        return read(dir, TRAIN_IMAGES, TRAIN_LABELS);
    }

    /** Loads the 10,000 test images and labels from {@code dir}. */
    public static Dataset loadTest(Path dir) throws IOException {
        return read(dir, TEST_IMAGES, TEST_LABELS);
    }

    /** The number of test rows in {@code dir}, from the labels file alone (the images stay unread). */
    public static int testSize(Path dir) throws IOException {
        try (Tensor labels = IdxReader.readLabels(find(dir, TEST_LABELS))) {
            return labels.rows();
        }
    }

    private static Dataset read(Path dir, String imagesName, String labelsName) throws IOException {
        Path imagesFile = find(dir, imagesName);
        Path labelsFile = find(dir, labelsName);
        Tensor images = IdxReader.readImages(imagesFile);
        Tensor labels = null;
        try {
            labels = IdxReader.readLabels(labelsFile);
            return dataset(imagesFile, labelsFile, images, labels);
        } catch (IOException | RuntimeException | Error e) {
            images.close();
            if (labels != null) {
                labels.close();
            }
            throw e;
        }
    }

    /** The data set that takes ownership of {@code images} and {@code labels}, once they are checked. */
    private static Dataset dataset(Path imagesFile, Path labelsFile, Tensor images, Tensor labels) {
        if (images.cols() != IMAGE_SIDE * IMAGE_SIDE) {
            throw new MalformedDataException(imagesFile + ": images have " + images.cols() + " pixels, expected "
                    + IMAGE_SIDE + " x " + IMAGE_SIDE + " = " + IMAGE_SIDE * IMAGE_SIDE);
        }
        if (images.rows() != labels.rows()) {
            throw new MalformedDataException(labelsFile + ": " + labels.rows() + " labels for " + images.rows()
                    + " images in " + imagesFile);
        }
        float[] values = labels.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= CLASS_NAMES.size()) {
                throw new MalformedDataException(labelsFile + ": label " + (int) values[i] + " of sample " + i
                        + " is not a class index 0.." + (CLASS_NAMES.size() - 1));
            }
        }
        return new Dataset(images, labels, CLASS_NAMES, List.of(), true);
    }

    /** The file {@code name}, gzipped ({@code name.gz}) or not, in {@code dir}. */
    private static Path find(Path dir, String name) throws IOException {
        for (String candidate : List.of(name + ".gz", name)) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        List<String> present = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString()).sorted().forEach(present::add);
            }
        }
        throw new FileNotFoundException("Fashion-MNIST: no " + name + ".gz (or " + name + ") in " + dir
                + (Files.isDirectory(dir) ? " (it holds " + (present.isEmpty() ? "nothing" : String.join(", ", present))
                + ")" : " (no such directory)")
                + "; install the Debian package " + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE
                + "), which puts the files in " + DEFAULT_DIR);
    }
}
