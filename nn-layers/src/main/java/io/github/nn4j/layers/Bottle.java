package io.github.nn4j.layers;

import io.github.nn4j.Container;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Runs a module on the leading dimensions folded into one (Torch's {@code nn.Bottle},
 * {@code Bottle.lua}, a container): an input of more than {@code nInputDim} dimensions is viewed
 * as {@code [s0·…·s_b, rest]} with {@code nInputDim} dimensions, the module runs on it, and its
 * output ({@code nOutputDim} dimensions) is viewed back with the folded sizes in front. An input
 * of at most {@code nInputDim} dimensions goes to the module as it is.
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code Bottle(Linear(6, 3))}: nInputDim = nOutputDim = 2)</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>{@code [A, B, 6]} (the module sees {@code [A·B, 6]})</td></tr>
 *   <tr><td>output, gradOutput</td><td>{@code [A, B, 3]} (the module returns {@code [A·B, 3]})</td></tr>
 *   <tr><td>parameters</td><td>the module's</td></tr>
 * </table>
 *
 * <p>Output and gradInput are views of the module's ({@link Tensor#setView}), as in Torch.
 * Prints {@code nn.Bottle} (Torch defines no {@code __tostring__} for it).
 */
public class Bottle extends Container<Tensor, Tensor> {

    static final T7Codec<Bottle> T7 = LuaFields.codec("nn.Bottle", Bottle.class, (o, in) -> {
        java.util.List<Module<?, ?>> children = in.children(o);
        if (children.size() != 1) {
            throw in.error("nn.Bottle: expected one module, got " + children.size());
        }
        int nIn = o.getInt("nInputDim", 2);
        return new Bottle(tensorModule(children.get(0)), nIn, o.getInt("nOutputDim", nIn));
    }, (m, f, out) -> {
            io.github.nn4j.torch7.T7Table modules = new io.github.nn4j.torch7.T7Table();
            modules.append(out.convert(m.module));
            f.put("modules", modules);
            f.put("nInputDim", (double) m.nInputDim);
            f.put("nOutputDim", (double) m.nOutputDim);
            f.put("dimDelta", (double) (m.nInputDim - m.nOutputDim));
            f.put("inShape", out.tensor(Tensor.zeros(m.nInputDim)));
            f.put("outShape", out.tensor(Tensor.zeros(m.nOutputDim)));
        });

    @SuppressWarnings("unchecked")
    private static Module<Tensor, Tensor> tensorModule(Module<?, ?> m) {
        // a module read from a file: its input type is only known at run time, as in Lua
        return (Module<Tensor, Tensor>) m;
    }

    private final Module<Tensor, Tensor> module;
    private final int nInputDim;
    private final int nOutputDim;
    private final Tensor inView = Tensor.empty();
    private final Tensor outView = Tensor.empty();
    private int[] inShape = new int[0];
    private int[] outShape = new int[0];

    /**
     * {@code nn.Bottle(module)}: 2-D in and out.
     *
     * @param module the module
     */
    public Bottle(Module<Tensor, Tensor> module) {
        this(module, 2, 2);
    }

    /**
     * {@code nn.Bottle(module, nInputDim, nOutputDim)}.
     *
     * @param module the module
     * @param nInputDim the dimensions the module takes, positive
     * @param nOutputDim the dimensions it returns, positive
     */
    public Bottle(Module<Tensor, Tensor> module, int nInputDim, int nOutputDim) {
        super(Tensor.empty(), Tensor.empty());
        if (nInputDim <= 0 || nOutputDim <= 0) {
            throw new IllegalArgumentException("nn.Bottle: nInputDim and nOutputDim must be positive, got "
                    + nInputDim + ", " + nOutputDim);
        }
        this.module = module;
        this.nInputDim = nInputDim;
        this.nOutputDim = nOutputDim;
        add(module);
    }

    /**
     * The module.
     *
     * @return the wrapped module
     */
    public Module<Tensor, Tensor> module() {
        return module;
    }

    /**
     * The dimensions the module takes.
     *
     * @return nInputDim
     */
    public int nInputDim() {
        return nInputDim;
    }

    /**
     * The dimensions the module returns.
     *
     * @return nOutputDim
     */
    public int nOutputDim() {
        return nOutputDim;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (input.dim() <= nInputDim) {
            return output.set(module.updateOutput(input));
        }
        int[] s = input.sizes();
        int b = input.dim() - nInputDim + 1; // the first b dimensions are folded
        int squeeze = ShapeOps.prod(s, 0, b - 1);
        if (inShape.length != nInputDim) {
            inShape = new int[nInputDim];
        }
        inShape[0] = ShapeOps.prod(s, 0, b);
        System.arraycopy(s, b, inShape, 1, nInputDim - 1);
        Tensor y;
        try {
            y = module.updateOutput(inView.setView(input, inShape));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(this + ": input of size " + input.shapeString() + " viewed as "
                    + ShapeOps.str(inShape) + " for its module: " + e.getMessage(), e);
        }
        if (y.dim() != nOutputDim) {
            throw new IllegalArgumentException(this + ": wrong number of output dimensions of the module: expected "
                    + nOutputDim + ", got " + y.shapeString() + " for input " + input.shapeString());
        }
        outShape = y.sizes();
        int[] out = new int[b - 1 + nOutputDim];
        System.arraycopy(s, 0, out, 0, b - 1);
        System.arraycopy(outShape, 0, out, b - 1, nOutputDim);
        out[b - 1] /= squeeze;
        return output.setView(y, out);
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (input.dim() <= nInputDim) {
            return gradInput.set(module.updateGradInput(input, gradOutput));
        }
        Buffers.checkSameNumel(this, output, gradOutput);
        Tensor g = module.updateGradInput(inView.setView(input, inShape), outView.setView(gradOutput, outShape));
        return gradInput.setView(g, input.sizes());
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        if (input.dim() <= nInputDim) {
            module.accGradParameters(input, gradOutput, scale);
            return;
        }
        module.accGradParameters(inView.setView(input, inShape), outView.setView(gradOutput, outShape), scale);
    }

    @Override
    public String toString() {
        return "nn.Bottle";
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Bottle training() {
        super.training();
        return this;
    }

    @Override
    public Bottle evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Bottle reset() {
        super.reset();
        return this;
    }

    @Override
    public Bottle reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
