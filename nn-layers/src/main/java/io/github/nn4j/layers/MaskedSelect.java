package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The elements of a tensor where a mask is 1, in row-major order: input {@code {t, mask}},
 * output the 1-D {@code t.maskedSelect(mask)} (Torch's {@code nn.MaskedSelect},
 * {@code MaskedSelect.lua}). Backward: {@code gradInput[0]} is zero with gradOutput scattered
 * back to the selected positions; {@code gradInput[1]} is a zero tensor of the mask's size (the
 * mask has no gradient).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input {@code {t, mask}}, gradInput</td><td>{@code t} any; {@code mask} of the same
 *       size, holding 0 and 1</td></tr>
 *   <tr><td>output, gradOutput</td><td>{@code [number of ones in mask]}</td></tr>
 * </table>
 *
 * <p><b>Java API:</b> a {@code Module<Table, Tensor>}; {@link #forward(Tensor, Tensor)} and
 * {@link #backward(Tensor, Tensor, Tensor)} take the two tensors directly.
 *
 * <p><b>Differences from Torch:</b> Lua's mask is a {@code ByteTensor}; nn4j's is a double
 * tensor of 0s and 1s (any other value is refused, as Torch refuses bytes other than 0 and 1),
 * and {@code gradInput[1]} is a double zero tensor where Torch's is a {@code ByteTensor}. A mask
 * with no 1 gives an empty output.
 */
public class MaskedSelect extends Module<Table, Tensor> {

    static final T7Codec<MaskedSelect> T7 = LuaFields.codec("nn.MaskedSelect", MaskedSelect.class,
            (o, in) -> new MaskedSelect(), (m, f, out) -> {
                // the buffers Torch's constructor makes (its updateOutput uses them without checking)
                io.github.nn4j.torch7.T7ElementType l = io.github.nn4j.torch7.T7ElementType.LONG;
                f.put("_maskIndices", io.github.nn4j.torch7.T7Tensor.empty(l));
                f.put("_maskIndexBuffer", io.github.nn4j.torch7.T7Tensor.empty(l));
                f.put("_maskIndexBufferCPU", io.github.nn4j.torch7.T7Tensor.empty(io.github.nn4j.torch7.T7ElementType.FLOAT));
                f.put("_gradBuffer", out.tensor(Tensor.empty()));
                f.put("_gradMask", io.github.nn4j.torch7.T7Tensor.empty(io.github.nn4j.torch7.T7ElementType.BYTE));
            });

    private final Table pair = new Table();

    /** The module (no arguments). */
    public MaskedSelect() {
        super(Tensor.empty(), Table.of(Tensor.empty(), Tensor.empty()));
    }

    /**
     * {@code forward({t, mask})}.
     *
     * @param t the tensor
     * @param mask 0/1 of the same size
     * @return the selected elements, owned by the module
     */
    public Tensor forward(Tensor t, Tensor mask) {
        return forward(pair(t, mask));
    }

    /**
     * {@code backward({t, mask}, gradOutput)}.
     *
     * @param t the tensor of the last forward
     * @param mask the mask of the last forward
     * @param gradOutput dL/doutput
     * @return the gradient with respect to {@code t} ({@code gradInput[0]}, owned by the module)
     */
    public Tensor backward(Tensor t, Tensor mask, Tensor gradOutput) {
        return backward(pair(t, mask), gradOutput).tensor(0);
    }

    private Table pair(Tensor t, Tensor mask) {
        if (pair.size() == 0) {
            pair.add(t).add(mask);
        } else {
            pair.set(0, t).set(1, mask);
        }
        return pair;
    }

    /** The number of selected elements. */
    private int count(Table input) {
        if (input.size() != 2 || !(input.get(0) instanceof Tensor t) || !(input.get(1) instanceof Tensor mask)
                || !t.sameSizeAs(mask)) {
            throw shapeError("{tensor, mask of the same size}", input);
        }
        double[] m = mask.data();
        int n = 0;
        for (int i = 0, len = mask.numel(); i < len; i++) {
            if (m[i] == 1) {
                n++;
            } else if (m[i] != 0) {
                throw new IllegalArgumentException(this + ": the mask can hold 0 and 1 only, got " + m[i]
                        + " at position " + i + " of " + mask.shapeString());
            }
        }
        return n;
    }

    @Override
    public Tensor updateOutput(Table input) {
        int n = count(input);
        Buffers.resize1(output, n);
        double[] x = input.tensor(0).data();
        double[] m = input.tensor(1).data();
        double[] y = output.data();
        for (int i = 0, j = 0, len = input.tensor(1).numel(); i < len; i++) {
            if (m[i] == 1) {
                y[j++] = x[i];
            }
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        int n = count(input);
        if (gradOutput.numel() != n) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the " + n + " selected elements of input " + input.shapeString());
        }
        if (gradInput.size() != 2) {
            gradInput.clear().add(Tensor.empty()).add(Tensor.empty());
        }
        Tensor mask = input.tensor(1);
        double[] gi = gradInput.tensor(0).resizeAs(input.tensor(0)).zero().data();
        gradInput.tensor(1).resizeAs(mask).zero();
        double[] g = gradOutput.data();
        double[] m = mask.data();
        for (int i = 0, j = 0, len = mask.numel(); i < len; i++) {
            if (m[i] == 1) {
                gi[i] = g[j++];
            }
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public MaskedSelect training() {
        super.training();
        return this;
    }

    @Override
    public MaskedSelect evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public MaskedSelect reset() {
        super.reset();
        return this;
    }

    @Override
    public MaskedSelect reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
