package io.github.nn4j.optim;

import java.util.List;
import java.util.function.DoubleSupplier;

import io.github.nn4j.Parameter;

/**
 * A first-order optimiser over a fixed list of {@link Parameter}s (Lua Torch's {@code optim}
 * package, reshaped for Java).
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li><b>Create</b> it once, after the network is built, over the parameters it will update,
 *       usually {@code model.parameters()}. State buffers (momentum, Adam's moments) are
 *       allocated here, one per parameter and of the same size, and never again.</li>
 *   <li><b>Each iteration</b>: zero the gradients ({@code model.zeroGradParameters()}), run
 *       forward and backward so that every {@link Parameter#grad()} holds dLoss/dθ, then call
 *       {@link #step()}. It updates every {@link Parameter#value()} in place and allocates
 *       nothing.</li>
 *   <li>{@link #step(DoubleSupplier)} is Torch's calling convention
 *       ({@code optim.sgd(opfunc, x, config, state)}): the closure computes the loss and fills
 *       the gradients, the optimiser steps and returns the loss before the update.</li>
 * </ol>
 *
 * <p>What Torch keeps in its {@code config}/{@code state} tables is held by the optimiser
 * object: hyper-parameters are set at construction (builders), except the learning rate, which
 * {@link #setLearningRate} changes (a {@link LearningRateSchedule} does so per epoch); state such as
 * {@link #evalCounter()} advances with each step. An optimiser is bound to the parameter
 * tensors it was created with: their sizes must not change afterwards (a step checks this).
 *
 * <p>Differences from Lua Torch: Torch's {@code optim} works on one flat parameter vector from
 * {@code getParameters()}; here each {@link Parameter} is updated in turn with its own state,
 * which gives the same numbers because every update is element-wise. To optimise a plain vector,
 * wrap it: {@code new Parameter("x", x, dfdx)}.
 */
public interface Optimizer {

    /**
     * The parameters this optimiser updates, in the order given at construction, each once:
     * a parameter whose value and gradient share storage with an earlier one (modules tied by
     * {@code share}) is kept only the first time, as Torch's {@code getParameters()} does.
     *
     * @return an unmodifiable list
     */
    List<Parameter> parameters();

    /**
     * Updates every parameter in place from its current gradient. Like Torch, it may modify the
     * gradient tensors as well (weight decay and Nesterov momentum are added into them); they
     * are zeroed before the next backward anyway.
     *
     * @throws IllegalStateException if a parameter's size changed since construction
     */
    void step();

    /**
     * Torch's calling convention: evaluates {@code closure}, which must compute the loss and
     * fill the gradients (having zeroed them), then {@link #step()}s.
     *
     * @param closure computes the loss at the current parameters and fills their gradients
     * @return the loss before the update, as Torch's {@code optim} functions return {@code {f}}
     */
    default double step(DoubleSupplier closure) {
        double loss = closure.getAsDouble();
        step();
        return loss;
    }

    /**
     * The number of steps taken so far (Torch's {@code state.evalCounter} for SGD,
     * {@code state.t} for Adam).
     *
     * @return the step count
     */
    long evalCounter();

    /**
     * The learning rate in effect for the next step, after learning-rate decay:
     * {@code learningRate / (1 + evalCounter · learningRateDecay)}.
     *
     * @return the current learning rate
     */
    double currentLearningRate();

    /**
     * The base learning rate, before learning-rate decay.
     *
     * @return the learning rate
     * @throws UnsupportedOperationException if the optimiser has none (the default)
     */
    default double learningRate() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no learning rate");
    }

    /**
     * Changes the base learning rate from the next {@link #step()} on (a schedule, or by hand);
     * the state (momentum, moments, {@link #evalCounter()}) is kept, and learning-rate decay still
     * applies on top.
     *
     * @param value the new learning rate, finite and &gt;= 0
     * @throws IllegalArgumentException if the value is negative, NaN or infinite
     * @throws UnsupportedOperationException if the optimiser has no learning rate (the default)
     */
    default void setLearningRate(double value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot change its learning rate");
    }
}
