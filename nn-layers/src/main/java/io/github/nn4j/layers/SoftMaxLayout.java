package io.github.nn4j.layers;

import io.github.nn4j.Tensor;

/**
 * Which dimension {@code SoftMax} and {@code LogSoftMax} normalise over, as THNN does, in the
 * {@code [outer][dim][inner]} layout of {@link io.github.nn4j.ops.SoftMaxOps}.
 *
 * <table class="striped">
 *   <caption>Normalised dimension</caption>
 *   <tr><th>input</th><th>normalised over</th><th>outer, dim, inner</th></tr>
 *   <tr><td>{@code [n]}</td><td>the vector</td><td>1, n, 1</td></tr>
 *   <tr><td>{@code [B, n]}</td><td>each row</td><td>B, n, 1</td></tr>
 *   <tr><td>{@code [C, H, W]}</td><td>dim 0, per position</td><td>1, C, H·W</td></tr>
 *   <tr><td>{@code [B, C, H, W]}</td><td>dim 1, per sample and position</td><td>B, C, H·W</td></tr>
 * </table>
 */
final class SoftMaxLayout {

    private SoftMaxLayout() {
    }

    /**
     * The {@code {outer, dim, inner}} of an input, written into {@code out} (no allocation).
     *
     * @param input the input, 1-D to 4-D and not empty
     * @param out an array of three ints, overwritten
     * @return whether the input has a valid shape
     */
    static boolean layout(Tensor input, int[] out) {
        return layout(input, out, false);
    }

    /**
     * As {@link #layout(Tensor, int[])}, or in cuDNN's INSTANCE mode ({@code instance}): over all
     * of a sample's values, {@code [C, H, W]} being one sample ({@code 1, C·H·W, 1}) and
     * {@code [B, C, H, W]} B samples ({@code B, C·H·W, 1}); 1-D and 2-D inputs as without it.
     *
     * @param input the input, 1-D to 4-D and not empty
     * @param out an array of three ints, overwritten
     * @param instance whether to normalise over all of a sample's values
     * @return whether the input has a valid shape
     */
    static boolean layout(Tensor input, int[] out, boolean instance) {
        if (instance && (input.dim() == 3 || input.dim() == 4)) {
            boolean batch = input.dim() == 4;
            out[0] = batch ? input.size(0) : 1;
            out[1] = batch ? input.size(1) * input.size(2) * input.size(3) : input.numel();
            out[2] = 1;
            return input.numel() > 0;
        }
        int outer;
        int dim;
        int inner;
        switch (input.dim()) {
            case 1 -> {
                outer = 1;
                dim = input.size(0);
                inner = 1;
            }
            case 2 -> {
                outer = input.size(0);
                dim = input.size(1);
                inner = 1;
            }
            case 3 -> {
                outer = 1;
                dim = input.size(0);
                inner = input.size(1) * input.size(2);
            }
            case 4 -> {
                outer = input.size(0);
                dim = input.size(1);
                inner = input.size(2) * input.size(3);
            }
            default -> {
                return false;
            }
        }
        out[0] = outer;
        out[1] = dim;
        out[2] = inner;
        return input.numel() > 0;
    }

    /** What the layers accept, for their error message. */
    static final String EXPECTED = "[n], [N, n], [C, H, W] or [N, C, H, W]";
}
