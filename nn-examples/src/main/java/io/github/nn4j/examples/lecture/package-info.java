/**
 * The worked examples of a backpropagation lecture (in the style of Stanford's CS231n), built from
 * nn4j modules and the computational graph {@link io.github.nn4j.layers.Graph}: each prints its
 * forward values and gradients next to the lecture's numbers ({@link io.github.nn4j.examples.lecture.Lecture},
 * {@code nn4j lecture}), and {@link io.github.nn4j.examples.lecture.GraphDrawing} draws the graphs as
 * the lecture does, values in green and gradients in red, as PNG or Graphviz DOT.
 */
package io.github.nn4j.examples.lecture;
