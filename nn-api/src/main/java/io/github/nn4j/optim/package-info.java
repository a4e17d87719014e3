/**
 * Training: the optimisers of Lua Torch's {@code optim} package ({@link io.github.nn4j.optim.Sgd},
 * {@link io.github.nn4j.optim.Adam}) behind one {@link io.github.nn4j.optim.Optimizer} interface,
 * mini-batches over an in-memory {@link io.github.nn4j.optim.Dataset}
 * ({@link io.github.nn4j.optim.BatchIterator}), and a small training loop
 * ({@link io.github.nn4j.optim.Trainer}) that reports to
 * {@link io.github.nn4j.optim.TrainingListener}s and never prints.
 *
 * <p>Class labels are 0-based throughout (Lua Torch's are 1-based). Steps and batches allocate
 * nothing in steady state: state buffers and batch tensors are allocated once and reused.
 */
package io.github.nn4j.optim;
