/**
 * Headless PNG pictures of training runs: {@link io.github.nn4j.examples.plot.TrainingChart}
 * (loss and accuracy per epoch, drawn with XChart) and
 * {@link io.github.nn4j.examples.plot.DecisionRegions} (the regions a classifier of 2-D points
 * assigns to each class, with the points over them).
 */
package io.github.nn4j.examples.plot;
