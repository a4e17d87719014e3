package io.github.nn4j.optim;

import java.util.List;
import java.util.Objects;

import io.github.nn4j.Parameter;

/** Checks shared by the optimisers: the parameter list and its sizes. */
final class OptimizerSupport {

    private OptimizerSupport() {
    }

    /**
     * An unmodifiable copy of the list, checked for nulls.
     *
     * @param parameters the parameters to optimise
     * @return the copy
     */
    static List<Parameter> copyOf(List<Parameter> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        return List.copyOf(parameters);
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
