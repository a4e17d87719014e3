package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * A test gate of two inputs, {@code y = a ⊙ b} (what {@code CMulTable} does for two tensors), so
 * the graph tests do not depend on the table layers.
 */
final class Product extends Module<Table, Tensor> {

    Product() {
        super(Tensor.empty(), new Table());
    }

    @Override
    public Tensor updateOutput(Table input) {
        Tensor a = input.tensor(0);
        Tensor b = input.tensor(1);
        if (!a.sameSizeAs(b)) {
            throw shapeError("two tensors of one size", input);
        }
        output.resizeAs(a);
        for (int i = 0; i < a.numel(); i++) {
            output.data()[i] = a.data()[i] * b.data()[i];
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        Tensor a = input.tensor(0);
        Tensor b = input.tensor(1);
        if (gradInput.size() != 2) {
            gradInput.clear().add(Tensor.empty()).add(Tensor.empty());
        }
        Tensor ga = gradInput.tensor(0).resizeAs(a);
        Tensor gb = gradInput.tensor(1).resizeAs(b);
        for (int i = 0; i < a.numel(); i++) {
            ga.data()[i] = b.data()[i] * gradOutput.data()[i];
            gb.data()[i] = a.data()[i] * gradOutput.data()[i];
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "nn.Product";
    }
}
