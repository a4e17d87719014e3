package io.github.nn4j.layers;

/**
 * The rectifier, {@code y = max(0, x)} (Torch's {@code nn.ReLU}, {@code ReLU.lua}): a
 * {@link Threshold} with threshold 0 and value 0.
 *
 * <p>Strict, as in Torch: {@code ReLU(0) = 0} and its gradient is 0. Backward:
 * {@code gradInput = gradOutput} where {@code x > 0}, else 0.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p>{@code new ReLU(true)} works in place (see {@link Threshold}). Prints {@code nn.ReLU}.
 */
public class ReLU extends Threshold {

    /** A rectifier that does not modify its input. */
    public ReLU() {
        this(false);
    }

    /**
     * A rectifier.
     *
     * @param inplace whether to overwrite the input and gradOutput
     */
    public ReLU(boolean inplace) {
        super(0.0, 0.0, inplace);
    }
}
