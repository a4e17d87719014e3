/**
 * The gradient checker: analytic gradients of modules and criteria against central differences,
 * plus proof that parameter gradients accumulate with the right scale (Torch's
 * {@code nn.Jacobian}, with reports that name the tensor and the index at fault).
 */
package io.github.nn4j.check;
