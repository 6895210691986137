/**
 * Neurite's training report: one HTML page with PNG charts (loss and accuracy curves, confusion
 * matrix, ROC curves) drawn with Java2D, the only Neurite module that needs {@code java.desktop}.
 */
module dev.neurite.report {
    requires transitive dev.neurite.core;
    requires java.desktop;

    exports dev.neurite.report;
}
