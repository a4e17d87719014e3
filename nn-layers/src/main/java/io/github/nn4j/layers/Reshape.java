package io.github.nn4j.layers;

import java.util.Arrays;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;

/**
 * The input with another shape (Torch's {@code nn.Reshape}, {@code Reshape.lua}).
 *
 * <p>{@code y = x} reshaped to {@code sizes} (or {@code [B, sizes...]} for a batch);
 * {@code gi = g} reshaped to the input's size. As in Torch the result is a view: the output shares
 * the input's storage and the gradInput the gradOutput's (Java tensors are always contiguous, so
 * Torch's copy of a non-contiguous input never happens).
 *
 * <p><b>Batch or not</b>, Torch's rule: with {@code batchMode} {@code false} the input is one
 * sample; with {@code true} its first dimension is the batch; when not given, the input is one
 * sample iff it has exactly as many elements as {@code sizes} and its first dimension is not 1.
 *
 * <table class="striped">
 *   <caption>Shapes for {@code new Reshape(6)}</caption>
 *   <tr><th>input</th><th>output</th></tr>
 *   <tr><td>{@code [2, 3]}</td><td>{@code [6]}</td></tr>
 *   <tr><td>{@code [1, 6]}</td><td>{@code [1, 6]} (first dimension 1: a batch)</td></tr>
 *   <tr><td>{@code [4, 2, 3]}</td><td>{@code [4, 6]}</td></tr>
 * </table>
 *
 * <p>{@code toString} prints as Torch: {@code nn.Reshape(2x3)}. Unlike {@link View}, no size may be
 * {@code -1} (Torch's Reshape does not infer sizes either).
 */
public final class Reshape extends Module<Tensor, Tensor> {

    private final int[] size;
    private final int nelement;
    private final Boolean batchMode;
    private final int[] batchSize;
    private int[] inSize = new int[0];

    /**
     * A reshape to {@code sizes}, batch or not decided per input by Torch's rule.
     *
     * @param sizes the size of one sample
     */
    public Reshape(int... sizes) {
        this(sizes, null);
    }

    /**
     * A reshape to {@code sizes} with a forced batch mode.
     *
     * @param sizes the size of one sample
     * @param batchMode true: the first input dimension is the batch; false: the input is one sample
     */
    public Reshape(int[] sizes, boolean batchMode) {
        this(sizes, Boolean.valueOf(batchMode));
    }

    private Reshape(int[] sizes, Boolean batchMode) {
        super(Tensor.empty(), Tensor.empty());
        if (sizes.length == 0) {
            throw new IllegalArgumentException("nn.Reshape needs at least one size");
        }
        int n = 1;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("nn.Reshape: sizes must not be negative, got " + Arrays.toString(sizes));
            }
            n *= s;
        }
        this.size = sizes.clone();
        this.nelement = n;
        this.batchMode = batchMode;
        this.batchSize = new int[sizes.length + 1];
        System.arraycopy(sizes, 0, batchSize, 1, sizes.length);
    }

    /**
     * The size of one sample as given to the constructor.
     *
     * @return a copy of the sizes
     */
    public int[] sizes() {
        return size.clone();
    }

    /**
     * The forced batch mode: true (the first dimension is the batch), false (one sample), or {@code null} when Torch's rule decides per input.
     *
     * @return the batch mode, or null
     */
    public Boolean batchMode() {
        return batchMode;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (input.numel() == 0) {
            throw shapeError(nelement + " elements or a batch of them", input);
        }
        boolean single = Boolean.FALSE.equals(batchMode)
                || (batchMode == null && input.numel() == nelement && input.size(0) != 1);
        if (single) {
            if (input.numel() != nelement) {
                throw shapeError(nelement + " elements", input);
            }
            output.setView(input, size);
        } else {
            batchSize[0] = input.size(0);
            if ((long) batchSize[0] * nelement != input.numel()) {
                throw shapeError("[B, ...] with " + nelement + " elements per sample", input);
            }
            output.setView(input, batchSize);
        }
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
                sb.append('x');
            }
            sb.append(size[i]);
        }
        return sb.append(')').toString();
    }

    /**
     * The {@code .t7} form of {@code nn.Reshape}: {@code size}, {@code batchsize} (LongStorages),
     * {@code nelement}, {@code batchMode} (if forced).
     */
    static final T7Codec<Reshape> T7 = LuaFields.codec("nn.Reshape", Reshape.class, Reshape::read, (m, f, out) -> {
        int[] size = m.sizes();
        int[] batch = new int[size.length + 1];
        batch[0] = 1;
        System.arraycopy(size, 0, batch, 1, size.length);
        int n = 1;
        for (int s : size) {
            n *= s;
        }
        f.put("size", LuaFields.longStorage(size));
        f.put("batchsize", LuaFields.longStorage(batch));
        f.put("nelement", (double) n);
        if (m.batchMode() != null) {
            f.put("batchMode", m.batchMode());
        }
    });

    private static Reshape read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        int[] size = LuaFields.sizes(o, "size", in);
        if (size == null || size.length == 0) {
            throw in.error("nn.Reshape: missing its size (field size, a torch.LongStorage)");
        }
        Object batchMode = o.get("batchMode");
        if (batchMode instanceof Boolean b) {
            return new Reshape(size, b);
        }
        return new Reshape(size);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Reshape training() {
        super.training();
        return this;
    }

    @Override
    public Reshape evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Reshape reset() {
        super.reset();
        return this;
    }

    @Override
    public Reshape reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
