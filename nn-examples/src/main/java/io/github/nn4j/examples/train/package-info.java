/**
 * {@code nn4j train mnist|spiral|iris}: the command-line training of real networks on the
 * bundled data sets. {@link io.github.nn4j.examples.train.TrainCommand} holds the subcommands,
 * {@link io.github.nn4j.examples.train.TrainOptions} their common options,
 * {@link io.github.nn4j.examples.train.Models} the networks (with their input normalisation
 * inside, so a saved {@code .t7} is self-contained) and
 * {@link io.github.nn4j.examples.train.TrainingSession} one run: train, evaluate, chart, save.
 * {@link io.github.nn4j.examples.train.SineRegression} is a regression through the same
 * {@link io.github.nn4j.optim.Trainer}, with tensor targets and {@code MSECriterion}.
 */
package io.github.nn4j.examples.train;
