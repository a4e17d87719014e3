package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * The common part of the element-wise table gates ({@link CAddTable}, {@link CSubTable},
 * {@link CMulTable}, {@link CMaxTable}): a table of same-size tensors in, one tensor out, and a
 * gradInput table with one tensor per input entry that keeps its tensors between calls and is
 * trimmed when fewer inputs arrive (as Torch's {@code for i=#input+1, #self.gradInput do
 * self.gradInput[i] = nil end}).
 */
abstract class TableGate extends Module<Table, Tensor> {

    TableGate() {
        super(Tensor.empty(), new Table());
    }

    /**
     * Checks that the input is a table of at least {@code min} (and, when {@code max > 0}, at most
     * {@code max}) non-empty tensors of one size.
     *
     * @param input the input table
     * @param min the least number of entries
     * @param max the most, or 0 for no limit
     * @return the first tensor
     */
    final Tensor checkInput(Table input, int min, int max) {
        if (input.size() < min || (max > 0 && input.size() > max)) {
            throw inputError(input, min, max);
        }
        if (!(input.get(0) instanceof Tensor t0) || t0.numel() == 0) {
            throw inputError(input, min, max);
        }
        for (int i = 1; i < input.size(); i++) {
            if (!(input.get(i) instanceof Tensor t) || !t.sameSizeAs(t0)) {
                throw inputError(input, min, max);
            }
        }
        return t0;
    }

    private IllegalArgumentException inputError(Table input, int min, int max) {
        String count = max == min ? "" + min : min + (max > 0 ? " to " + max : " or more");
        return shapeError("a table of " + count + " tensors of one size", input);
    }

    /**
     * Checks the gradOutput against the output.
     *
     * @param gradOutput dL/doutput
     */
    final void checkGradOutput(Tensor gradOutput) {
        if (gradOutput.numel() != output.numel()) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString());
        }
    }

    /**
     * Makes {@link #gradInput} hold exactly {@code n} tensors, reusing the ones it has.
     *
     * @param n the number of input entries
     */
    final void sizeGradInput(int n) {
        gradInput.truncate(n);
        while (gradInput.size() < n) {
            gradInput.add(Tensor.empty());
        }
    }

    /**
     * One tensor of {@link #gradInput}.
     *
     * @param i 0-based
     * @return the tensor
     */
    final Tensor grad(int i) {
        return (Tensor) gradInput.get(i);
    }
}
