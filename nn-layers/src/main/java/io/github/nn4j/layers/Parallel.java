package io.github.nn4j.layers;

import static io.github.nn4j.layers.ContainerSupport.childError;
import static io.github.nn4j.layers.ContainerSupport.data;
import static io.github.nn4j.layers.ContainerSupport.requireGradInput;

import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Container;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Table;

/**
 * Slice {@code i} of the input along one dimension to child {@code i}, the children's outputs
 * concatenated along another (Torch's {@code nn.Parallel}, {@code Parallel.lua}).
 *
 * <p>{@code y = [f₀(x.select(inDim, 0)) | f₁(x.select(inDim, 1)) | …]} along {@code outDim};
 * backward cuts {@code g} along {@code outDim} into the piece of each child and puts child
 * {@code i}'s gradInput into slice {@code i} of {@code gradInput}.
 *
 * <table class="striped">
 *   <caption>Shapes for {@code new Parallel(0, 1)} with k children mapping {@code [B, n]} to
 *       {@code [B, aᵢ]}</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code [k, B, n]}</td><td>{@code [B, a₀ + … + a_{k−1}]}</td><td>{@code [k, B, n]}</td></tr>
 * </table>
 *
 * <p>Both dimensions are <b>0-based</b> (Lua's {@code nn.Parallel(1, 2)} is
 * {@code new Parallel(0, 1)}); {@code outDim} is a dimension of the children's outputs. The input
 * needs at least as many children as slices; further children are unused, as in Torch. The
 * slices and the pieces of {@code g} are copies in buffers kept per child (Java tensors are
 * contiguous; Torch's {@code select}/{@code narrow} give views). A child error is re-thrown as in
 * {@link Sequential}. {@code toString} prints Torch's tree, whose last branch is drawn as the
 * others ({@code |`->}).
 */
public final class Parallel extends Container<Tensor, Tensor> {

    static final T7Codec<Parallel> T7 = LuaFields.codec("nn.Parallel", Parallel.class, (o, in) -> {
        Parallel p = new Parallel(LuaFields.dimensionFromLua(o, "inputDimension", null, in),
                LuaFields.dimensionFromLua(o, "outputDimension", null, in));
        for (Module<?, ?> m : in.children(o)) {
            p.add(m);
        }
        return p;
    }, (m, f, out) -> {
        T7Table mods = new T7Table();
        for (Module<?, ?> child : m.children()) {
            mods.append(out.convert(child));
        }
        f.put("modules", mods);
        f.put("inputDimension", (double) (m.inputDimension + 1));
        f.put("outputDimension", (double) (m.outputDimension + 1));
    });

    private final int inputDimension;
    private final int outputDimension;
    private final List<Tensor> slices = new ArrayList<>();
    private final List<Tensor> pieces = new ArrayList<>();
    private int[] sliceSize = new int[0];
    private int[] outSize = new int[0];

    /**
     * An empty container; {@link #add} children.
     *
     * @param inputDimension the 0-based dimension of the input whose slices go to the children
     * @param outputDimension the 0-based dimension of the children's outputs to join along
     */
    public Parallel(int inputDimension, int outputDimension) {
        super(Tensor.empty(), Tensor.empty());
        if (inputDimension < 0 || outputDimension < 0) {
            throw new IllegalArgumentException("nn.Parallel(" + inputDimension + ", " + outputDimension
                    + "): the dimensions are 0-based and must be non-negative");
        }
        this.inputDimension = inputDimension;
        this.outputDimension = outputDimension;
    }

    @Override
    public Parallel add(Module<?, ?> module) {
        super.add(module);
        return this;
    }

    /**
     * The dimension of the input that is sliced.
     *
     * @return 0-based
     */
    public int inputDimension() {
        return inputDimension;
    }

    /**
     * The dimension of the children's outputs that is joined.
     *
     * @return 0-based
     */
    public int outputDimension() {
        return outputDimension;
    }

    /** Copies the slices of the input into the per-child buffers; returns their count. */
    private int slice(Tensor input) {
        int d = inputDimension;
        if (input.numel() == 0 || d >= input.dim() || input.size(d) > modules.size()) {
            throw shapeError("a tensor with a dimension " + d + " of at most " + modules.size()
                    + " slices (one per child)", input);
        }
        int k = input.size(d);
        int outer = Slabs.outer(input, d);
        int inner = Slabs.rowLength(input, d + 1);
        if (sliceSize.length != input.dim() - 1) {
            sliceSize = new int[input.dim() - 1];
        }
        for (int j = 0, s = 0; j < input.dim(); j++) {
            if (j != d) {
                sliceSize[s++] = input.size(j);
            }
        }
        while (slices.size() < k) {
            slices.add(Tensor.empty());
        }
        double[] x = input.data();
        for (int i = 0; i < k; i++) {
            double[] t = slices.get(i).resize(sliceSize).data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, (o * k + i) * inner, t, o * inner, inner);
            }
        }
        return k;
    }

    private Tensor childOutput(int i) {
        return (Tensor) modules.get(i).output();
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int k = slice(input);
        int d = outputDimension;
        int total = 0;
        for (int i = 0; i < k; i++) {
            Tensor y;
            try {
                y = (Tensor) data(modules.get(i)).updateOutput(slices.get(i));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, slices.get(i), e);
            }
            if (d >= y.dim() || (i > 0 && !Slabs.matchesExcept(y, childOutput(0), d))) {
                throw new IllegalArgumentException(torchTypeName() + " joining dimension " + d + ": child " + i
                        + " gives an output of size " + y.shapeString()
                        + (i > 0 ? ", child 0 gives " + childOutput(0).shapeString() : "")
                        + " (input " + input.shapeString() + ")");
            }
            total += y.size(d);
        }
        Tensor y0 = childOutput(0);
        if (outSize.length != y0.dim()) {
            outSize = new int[y0.dim()];
        }
        for (int j = 0; j < outSize.length; j++) {
            outSize[j] = j == d ? total : y0.size(j);
        }
        output.resize(outSize);
        int outer = Slabs.outer(y0, d);
        int outRow = Slabs.rowLength(output, d);
        int offset = 0;
        for (int i = 0; i < k; i++) {
            Tensor y = childOutput(i);
            int row = Slabs.rowLength(y, d);
            Slabs.put(y, output, outer, row, outRow, offset);
            offset += row;
        }
        return output;
    }

    /** Re-slices the input and cuts gradOutput into one piece per child. */
    private int cut(Tensor input, Tensor gradOutput) {
        int k = slice(input);
        if (gradOutput.numel() != output.numel()) {
            throw new IllegalArgumentException(torchTypeName() + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString());
        }
        int d = outputDimension;
        Tensor y0 = childOutput(0);
        int outer = Slabs.outer(y0, d);
        int outRow = Slabs.rowLength(output, d);
        int offset = 0;
        while (pieces.size() < k) {
            pieces.add(Tensor.empty());
        }
        for (int i = 0; i < k; i++) {
            Tensor y = childOutput(i);
            Tensor piece = pieces.get(i).resizeAs(y);
            int row = Slabs.rowLength(y, d);
            Slabs.take(gradOutput, piece, outer, outRow, row, offset);
            offset += row;
        }
        return k;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        return walk(input, gradOutput, false, 1.0);
    }

    @Override
    public Tensor backward(Tensor input, Tensor gradOutput, double scale) {
        return walk(input, gradOutput, true, scale);
    }

    private Tensor walk(Tensor input, Tensor gradOutput, boolean full, double scale) {
        int k = cut(input, gradOutput);
        gradInput.resizeAs(input);
        int d = inputDimension;
        int outer = Slabs.outer(input, d);
        int inner = Slabs.rowLength(input, d + 1);
        double[] gi = gradInput.data();
        for (int i = 0; i < k; i++) {
            Tensor g;
            try {
                Module<io.github.nn4j.Data, io.github.nn4j.Data> m = data(modules.get(i));
                g = (Tensor) (full ? m.backward(slices.get(i), pieces.get(i), scale)
                        : m.updateGradInput(slices.get(i), pieces.get(i)));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, slices.get(i), e);
            }
            requireGradInput(this, i, g);
            if (g.numel() != outer * inner) {
                throw new IllegalArgumentException(torchTypeName() + ": child " + i + " gives a gradInput of size "
                        + g.shapeString() + " for its input " + slices.get(i).shapeString());
            }
            double[] s = g.data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(s, o * inner, gi, (o * k + i) * inner, inner);
            }
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        int k = cut(input, gradOutput);
        for (int i = 0; i < k; i++) {
            try {
                data(modules.get(i)).accGradParameters(slices.get(i), pieces.get(i), scale);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, slices.get(i), e);
            }
        }
    }

    @Override
    public Parallel clearState() {
        super.clearState();
        slices.clear();
        pieces.clear();
        return this;
    }

    /** Torch's {@code Parallel:__tostring__}: every branch, the last one too, drawn as {@code |`->}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(torchTypeName()).append(" {\n  input");
        for (int i = 0; i < modules.size(); i++) {
            boolean last = i == modules.size() - 1;
            sb.append("\n    |`-> (").append(i + 1).append("): ")
                    .append(modules.get(i).toString().replace("\n", last ? "\n         " : "\n    |    "));
        }
        return sb.append("\n     ... -> output\n}").toString();
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Parallel training() {
        super.training();
        return this;
    }

    @Override
    public Parallel evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Parallel reset() {
        super.reset();
        return this;
    }

    @Override
    public Parallel reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
