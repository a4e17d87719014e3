/**
 * Numeric kernels that more than one module needs, kept once: {@link io.github.nn4j.ops.SoftMaxOps}
 * (softmax and log-softmax, forward and backward) and {@link io.github.nn4j.ops.Im2Col} (unfold and
 * fold for the im2col convolutions).
 */
package io.github.nn4j.ops;
