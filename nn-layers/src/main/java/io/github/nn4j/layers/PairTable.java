package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * The common part of the modules that compare two tensors row by row ({@link CosineDistance},
 * {@link DotProduct}, {@link PairwiseDistance}): input {@code {x₀, x₁}} of one size, {@code [n]}
 * or {@code [B, n]}; output one number per row, {@code [1]} or {@code [B]}; gradInput two tensors
 * shaped like the input, kept between calls.
 */
abstract class PairTable extends Module<Table, Tensor> {

    /** The two gradInput tensors. */
    final Tensor grad0 = Tensor.empty();
    final Tensor grad1 = Tensor.empty();

    PairTable() {
        super(Tensor.empty(), new Table());
    }

    /**
     * Checks {@code {x₀, x₁}}: two tensors of one size, 1-D or 2-D, not empty.
     *
     * @param input the input
     * @return the number of rows (1 for 1-D)
     */
    final int rows(Table input) {
        if (input.size() != 2 || !(input.get(0) instanceof Tensor a) || !(input.get(1) instanceof Tensor b)
                || !a.sameSizeAs(b) || a.numel() == 0 || a.dim() > 2) {
            throw shapeError("{[n], [n]} or {[B, n], [B, n]}", input);
        }
        return a.dim() == 1 ? 1 : a.size(0);
    }

    /**
     * Checks the gradOutput against the rows; sizes the gradInput table like the input.
     *
     * @param input the input
     * @param gradOutput one number per row
     * @return the number of rows
     */
    final int prepareGrad(Table input, Tensor gradOutput) {
        int rows = rows(input);
        if (gradOutput.numel() != rows) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size [" + rows + "] for input " + input.shapeString());
        }
        grad0.resizeAs(input.tensor(0));
        grad1.resizeAs(input.tensor(1));
        if (gradInput.size() != 2 || gradInput.get(0) != grad0 || gradInput.get(1) != grad1) {
            gradInput.clear().add(grad0).add(grad1);
        }
        return rows;
    }

    @Override
    public PairTable clearState() {
        super.clearState();
        grad0.resize(0);
        grad1.resize(0);
        return this;
    }
}
