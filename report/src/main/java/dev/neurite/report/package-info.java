/**
 * The HTML report every {@code train}, {@code cv} and {@code search} run writes: one
 * {@link dev.neurite.report.Report} built with {@link dev.neurite.report.Report#builder} and written
 * with {@link dev.neurite.report.Report#writeTo} as {@code report.html} plus PNG charts beside it.
 *
 * <ul>
 *   <li>Charts are drawn with Java2D into images (headless; {@code java.awt.headless} is set to
 *       true unless given) at twice their CSS size for sharp text, with the Okabe-Ito colours
 *       and a single-hue blue ramp, both readable with common colour blindness.</li>
 *   <li>The page is self-contained: inline styles, no scripts, images referenced by relative file
 *       name. Every text that comes from data (class names, the command, table cells) is escaped.</li>
 *   <li>Metrics come from {@code dev.neurite.metrics}; the report only lays them out.</li>
 *   <li>Files are replaced atomically (temporary file, fsync, rename), the page last.</li>
 * </ul>
 */
package dev.neurite.report;
