package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/** Argument checks the criteria share (package-private); every message names the criterion. */
final class Checks {

    private Checks() {
    }

    /**
     * Torch's {@code THNN_CHECK_NELEMENT}: input and target may differ in shape but not in size.
     *
     * @throws IllegalArgumentException naming both shapes
     */
    static void sameNumel(Criterion<?, ?> owner, Tensor input, Tensor target) {
        if (input.numel() != target.numel()) {
            throw new IllegalArgumentException(owner + ": input of size " + input.shapeString() + " and target of size "
                    + target.shapeString() + " have different numbers of elements");
        }
    }

    /**
     * A finite, non-negative margin-like constructor argument.
     *
     * @throws IllegalArgumentException if it is NaN or infinite
     */
    static double finite(String owner, String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be a finite number, got " + v);
        }
        return v;
    }

    /**
     * The two tensors of a pair input {@code {x1, x2}}.
     *
     * @throws IllegalArgumentException unless the table holds exactly two tensors
     */
    static void pair(Criterion<?, ?> owner, Table input) {
        if (input.size() != 2 || !(input.get(0) instanceof Tensor) || !(input.get(1) instanceof Tensor)) {
            throw new IllegalArgumentException(owner + ": expected an input table {x1, x2} of two tensors, got "
                    + input.shapeString());
        }
    }

    /**
     * The gradInput table {@code {g1, g2}} of a pair criterion, made once and then reused.
     */
    static Table pairBuffer() {
        return Table.of(Tensor.empty(), Tensor.empty());
    }

    /**
     * A target of ±1 (or other values, as Torch allows) that is a number: a 1-element tensor.
     *
     * @throws IllegalArgumentException if the target has another size
     */
    static double scalarTarget(Criterion<?, ?> owner, Data target) {
        if (!(target instanceof Tensor t) || t.numel() != 1) {
            throw new IllegalArgumentException(owner + ": expected a target of one element (the Lua number y), got "
                    + target.shapeString());
        }
        return t.data()[0];
    }
}
