package io.github.nn4j.layers;

import java.util.Arrays;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;

/**
 * The input seen with another shape, sharing its storage (Torch's {@code nn.View},
 * {@code View.lua}).
 *
 * <p>{@code y = x.view(sizes)} (or {@code x.view(B, sizes...)} for a batch); {@code gi = g} viewed
 * as the input's size. Nothing is copied: the output shares the input's backing array, the
 * gradInput shares the gradOutput's.
 *
 * <table class="striped">
 *   <caption>Shapes for {@code new View(6)}</caption>
 *   <tr><th>input</th><th>output</th><th>why</th></tr>
 *   <tr><td>{@code [2, 3]}</td><td>{@code [6]}</td><td>as many elements as the view</td></tr>
 *   <tr><td>{@code [4, 2, 3]}</td><td>{@code [4, 6]}</td><td>a multiple (4) of the view: a batch</td></tr>
 *   <tr><td>{@code [1, 2, 3]}</td><td>{@code [6]}</td><td>a batch of one is squeezed out (Torch issue #219)</td></tr>
 *   <tr><td>{@code [1, 2, 3]}, {@code setNumInputDims(2)}</td><td>{@code [1, 6]}</td><td>the sample has 2 dimensions</td></tr>
 * </table>
 *
 * <p><b>Batch inference</b>, exactly as Torch: the trailing {@code numInputDims} dimensions (all of
 * them when not set) hold {@code ine} elements, which must be a multiple of the view's known
 * size; the batch is {@code ine / viewSize} (1 when the view has a {@code -1}) times the leading
 * dimensions. A batch of 1 is kept only when {@code numInputDims} is set and the input has more
 * dimensions than that. One size may be {@code -1}, inferred.
 *
 * <p>{@code toString} prints as Torch: {@code nn.View(2, -1)}. Differences from Torch: none in the
 * numbers; the output tensor object is reused across calls (Torch re-points it too).
 */
public final class View extends Module<Tensor, Tensor> {

    private final int[] size;
    private final int numElements;
    private final boolean hasInferred;
    private int numInputDims;
    private int[] outSize = new int[0];
    private int[] inSize = new int[0];

    /**
     * A view of the given size.
     *
     * @param sizes the size of one sample; at most one {@code -1}
     * @throws IllegalArgumentException for a size below {@code -1} or more than one {@code -1}
     */
    public View(int... sizes) {
        super(Tensor.empty(), Tensor.empty());
        if (sizes.length == 0) {
            throw new IllegalArgumentException("nn.View needs at least one size");
        }
        this.size = sizes.clone();
        int n = 1;
        boolean inferred = false;
        for (int s : sizes) {
            if (s >= 0) {
                n *= s;
            } else if (s == -1 && !inferred) {
                inferred = true;
            } else {
                throw new IllegalArgumentException("nn.View: sizes must be positive with at most one -1, got "
                        + Arrays.toString(sizes));
            }
        }
        this.numElements = n;
        this.hasInferred = inferred;
    }

    /**
     * Declares how many trailing dimensions form one sample, so that a batch of one is kept.
     *
     * @param n the number of dimensions of one sample (0 to unset)
     * @return this
     */
    public View setNumInputDims(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("numInputDims must not be negative, got " + n);
        }
        this.numInputDims = n;
        return this;
    }

    /**
     * The size of one sample as given to the constructor (at most one {@code -1}).
     *
     * @return a copy of the sizes
     */
    public int[] sizes() {
        return size.clone();
    }

    /**
     * The number of dimensions of one sample set by {@link #setNumInputDims}, or 0.
     *
     * @return numInputDims
     */
    public int numInputDims() {
        return numInputDims;
    }

    /**
     * The batch size for this input, or 0 for no batch (Torch's local {@code batchsize}).
     */
    private int batchSize(Tensor input) {
        int ind = input.dim();
        int maxdim = numInputDims > 0 ? numInputDims : ind;
        if (input.numel() == 0 || maxdim > ind) {
            throw shapeError("a tensor with " + (numInputDims > 0 ? "at least " + numInputDims + " dimensions"
                    : "elements") + " viewable as " + Arrays.toString(size), input);
        }
        long ine = 1;
        for (int i = ind - 1; i >= ind - maxdim; i--) {
            ine *= input.size(i);
        }
        if (numElements == 0 || ine % numElements != 0) {
            throw shapeError("a multiple of " + numElements + " elements per sample to view as "
                    + Arrays.toString(size), input);
        }
        long bsz = hasInferred ? 1 : ine / numElements;
        for (int i = ind - maxdim - 1; i >= 0; i--) {
            bsz *= input.size(i);
        }
        if (bsz == 1 && (numInputDims == 0 || ind <= numInputDims)) {
            return 0;
        }
        return (int) bsz;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int bsz = batchSize(input);
        int len = size.length + (bsz > 0 ? 1 : 0);
        if (outSize.length != len) {
            outSize = new int[len];
        }
        int off = 0;
        if (bsz > 0) {
            outSize[0] = bsz;
            off = 1;
        }
        int unknown = -1;
        long known = bsz > 0 ? bsz : 1;
        for (int i = 0; i < size.length; i++) {
            outSize[off + i] = size[i];
            if (size[i] == -1) {
                unknown = off + i;
            } else {
                known *= size[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || input.numel() % known != 0) {
                throw shapeError("a multiple of " + known + " elements to view as " + Arrays.toString(size), input);
            }
            outSize[unknown] = (int) (input.numel() / known);
        } else if (known != input.numel()) {
            throw shapeError(known + " elements to view as " + Arrays.toString(outSize), input);
        }
        output.setView(input, outSize);
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (gradOutput.numel() != input.numel()) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the input of size " + input.shapeString());
        }
        if (inSize.length != input.dim()) {
            inSize = new int[input.dim()];
        }
        for (int d = 0; d < inSize.length; d++) {
            inSize[d] = input.size(d);
        }
        gradInput.setView(gradOutput, inSize);
        return gradInput;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(torchTypeName()).append('(');
        for (int i = 0; i < size.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(size[i]);
        }
        return sb.append(')').toString();
    }

    /**
     * The {@code .t7} form of {@code nn.View}: {@code size} (LongStorage, −1 inferred),
     * {@code numElements}, {@code numInputDims} (if set).
     */
    static final T7Codec<View> T7 = LuaFields.codec("nn.View", View.class, View::read, (m, f, out) -> {
        int[] size = m.sizes();
        f.put("size", LuaFields.longStorage(size));
        int n = 1;
        for (int s : size) {
            n *= s >= 0 ? s : 1;
        }
        f.put("numElements", (double) n);
        if (m.numInputDims() > 0) {
            f.put("numInputDims", (double) m.numInputDims());
        }
    });

    private static View read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        int[] size = LuaFields.sizes(o, "size", in);
        if (size == null || size.length == 0) {
            throw in.error("nn.View: missing its size (field size, a torch.LongStorage)");
        }
        View v = new View(size);
        int n = o.getInt("numInputDims", 0);
        if (n > 0) {
            v.setNumInputDims(n);
        }
        return v;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public View training() {
        super.training();
        return this;
    }

    @Override
    public View evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public View reset() {
        super.reset();
        return this;
    }

    @Override
    public View reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
