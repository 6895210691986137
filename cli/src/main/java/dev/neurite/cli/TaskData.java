package dev.neurite.cli;

import dev.neurite.pipeline.Task;
import dev.neurite.data.Dataset;
import java.util.List;

/**
 * Training and test data of one run; closing it frees both.
 *
 * @param train the training rows (validation is split off these later)
 * @param testRows the test rows, never seen in training (read when first needed); null when
 *     cross-validation uses every row
 * @param task classification or regression
 * @param labelColumn the CSV label column's name, or null for image data
 * @param columns the CSV file's columns in file order (label included), or empty for image data
 * @param description where the data came from, for messages and reports
 * @param split how the test rows were held out of the CSV file, or null (a test file, image data)
 */
record TaskData(Dataset train, TestRows testRows, Task task, String labelColumn, List<String> columns, String description,
                HeldOut split) implements AutoCloseable {

    TaskData {
        columns = List.copyOf(columns);
    }

    /** The test rows (read now if not yet), or null. */
    Dataset test() {
        return testRows == null ? null : testRows.get();
    }

    /** The number of test rows, without reading them. */
    int testSize() {
        return testRows == null ? 0 : testRows.size();
    }

    /** Frees the training rows and the test rows (if read). */
    @Override
    public void close() {
        train.close();
        if (testRows != null) {
            testRows.close();
        }
    }

    /** Class names (classification), in class-index order. */
    List<String> classNames() {
        return train.classNames();
    }
}
