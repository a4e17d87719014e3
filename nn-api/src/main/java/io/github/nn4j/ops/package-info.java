/**
 * Numeric kernels that more than one module needs, kept once: {@link io.github.nn4j.ops.SoftMaxOps}
 * (softmax and log-softmax, forward and backward).
 */
package io.github.nn4j.ops;
