package io.github.nn4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.nn4j.Parameter;

/** Checks shared by the optimisers: the parameter list and its sizes. */
final class OptimizerSupport {

    private OptimizerSupport() {
    }

    /**
     * An unmodifiable copy of the list with shared parameters once: a parameter whose value and
     * gradient are views of an earlier one's storage (modules tied with {@code share}) is
     * dropped, so it is updated once per step, as Torch's {@code getParameters()} flattens
     * shared tensors once.
     *
     * @param parameters the parameters to optimise
     * @return the copy
     * @throws IllegalArgumentException if a value is shared but its gradient is not (Torch's
     *     classic sharing mistake, which would update the weight twice with different gradients)
     */
    static List<Parameter> copyOf(List<Parameter> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        List<Parameter> unique = new ArrayList<>(parameters.size());
        outer:
        for (Parameter p : parameters) {
            Objects.requireNonNull(p, "parameter");
            for (Parameter q : unique) {
                boolean sameValue = p.value().sharesStorageWith(q.value());
                boolean sameGrad = p.grad().sharesStorageWith(q.grad());
                if (sameValue && sameGrad && p.value().numel() == q.value().numel()) {
                    continue outer;
                }
                if (sameValue != sameGrad) {
                    throw new IllegalArgumentException("parameter " + p.name() + " shares its "
                            + (sameValue ? "value" : "gradient") + " with an earlier parameter " + q.name()
                            + " but not its " + (sameValue ? "gradient" : "value")
                            + ": share both, e.g. share(other, \"weight\", \"bias\", \"gradWeight\", \"gradBias\")");
                }
            }
            unique.add(p);
        }
        return List.copyOf(unique);
    }

    /**
     * One zeroed state buffer per parameter, sized as the parameter.
     *
     * @param parameters the parameters
     * @return the buffers
     */
    static double[][] zeroBuffers(List<Parameter> parameters) {
        double[][] buffers = new double[parameters.size()][];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new double[parameters.get(i).value().numel()];
        }
        return buffers;
    }

    /**
     * Checks that a parameter still has the size its state buffer was made for.
     *
     * @param optimizer the optimiser's name, for the message
     * @param p the parameter
     * @param expected the element count at construction
     * @throws IllegalStateException if it changed
     */
    static void checkSize(String optimizer, Parameter p, int expected) {
        if (p.value().numel() != expected || p.grad().numel() != expected) {
            throw new IllegalStateException(optimizer + ": parameter " + p.name() + " had " + expected
                    + " elements at construction, now its value has size " + p.value().shapeString()
                    + " and its gradient " + p.grad().shapeString());
        }
    }

    /**
     * Checks a hyper-parameter is finite and non-negative.
     *
     * @param name its name
     * @param value its value
     * @return the value
     */
    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }
}
