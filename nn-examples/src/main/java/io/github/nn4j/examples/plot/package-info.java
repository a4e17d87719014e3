/**
 * Headless PNG pictures of training runs: {@link io.github.nn4j.examples.plot.TrainingChart}
 * (loss and accuracy per epoch) and
 * {@link io.github.nn4j.examples.plot.DecisionRegions} (the regions a classifier of 2-D points
 * assigns to each class, with the points over them), drawn with Java2D on
 * round-number axis ticks.
 */
package io.github.nn4j.examples.plot;
