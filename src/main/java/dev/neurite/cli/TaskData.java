package dev.neurite.cli;

import dev.neurite.data.Dataset;
import java.util.List;

/**
 * Training and test data of one run.
 *
 * @param train the training rows (validation is split off these later)
 * @param test the test rows, never seen in training
 * @param task classification or regression
 * @param labelColumn the CSV label column's name, or null for image data
 * @param description where the data came from, for messages and reports
 */
record TaskData(Dataset train, Dataset test, Task task, String labelColumn, String description) {

    /** Class names (classification), in class-index order. */
    List<String> classNames() {
        return train.classNames();
    }
}
