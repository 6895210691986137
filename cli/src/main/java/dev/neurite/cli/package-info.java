/**
 * The {@code neurite} command line, built on picocli, with {@link dev.neurite.cli.Main} as its
 * entry point. Its subcommands are {@code demo}, {@code info}, {@code gradcheck}, {@code train},
 * {@code evaluate}, {@code predict}, {@code cv} and {@code search}: they read image or CSV data,
 * train an MLP beside simple baselines, evaluate, predict, cross-validate and search
 * hyper-parameters. Runs that write a model or report write them into an output folder that is
 * replaced as a whole, and the workflow commands end with one summary line of {@code KEY=value}
 * results. Everything but {@code Main} is package-private.
 */
package dev.neurite.cli;
