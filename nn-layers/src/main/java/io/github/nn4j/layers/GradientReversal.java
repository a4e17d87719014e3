package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

/**
 * The identity forward and a reversed, scaled gradient backward (Torch's
 * {@code nn.GradientReversal}, {@code GradientReversal.lua}; Ganin and Lempitsky, <i>Unsupervised
 * Domain Adaptation by Backpropagation</i>, 2015): {@code y = x},
 * {@code gradInput = −λ·gradOutput}. By design the backward is not the derivative of the
 * forward.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>the input's storage (a view, as Torch's {@code output:set(input)})</td>
 *       <td>same as input</td></tr>
 * </table>
 *
 * <p>{@link #setLambda} changes {@code λ}. The class is version 2 in Torch ({@code .t7} header
 * {@code "V 2"}); a version-1 file loads with {@code λ = 1}, as Torch's {@code read} does.
 * Prints {@code nn.GradientReversal}. A NaN {@code λ} is refused.
 */
public class GradientReversal extends Module<Tensor, Tensor> {

    /** Torch field {@code lambda}; class version 2. */
    static final T7Codec<GradientReversal> T7 = new T7Codec<>() {
        @Override
        public String torchClass() {
            return "nn.GradientReversal";
        }

        @Override
        public Class<GradientReversal> javaClass() {
            return GradientReversal.class;
        }

        @Override
        public GradientReversal read(T7Object o, T7Bridge.Reading in) {
            return new GradientReversal(o.version() < 2 ? 1 : o.getNumber("lambda", 1));
        }

        @Override
        public void write(GradientReversal m, T7Table f, T7Bridge.Writing out) {
            f.put("lambda", m.lambda);
        }

        @Override
        public int version() {
            return 2;
        }
    };

    private double lambda;

    /** {@code GradientReversal(1)}. */
    public GradientReversal() {
        this(1);
    }

    /**
     * A gradient-reversal layer.
     *
     * @param lambda the scale {@code λ} of the reversed gradient
     * @throws IllegalArgumentException if {@code lambda} is NaN
     */
    public GradientReversal(double lambda) {
        super(Tensor.empty(), Tensor.empty());
        this.lambda = checkLambda(lambda);
    }

    /**
     * Changes the scale (Torch's {@code setLambda}).
     *
     * @param lambda the new {@code λ}
     * @return this
     * @throws IllegalArgumentException if {@code lambda} is NaN
     */
    public GradientReversal setLambda(double lambda) {
        this.lambda = checkLambda(lambda);
        return this;
    }

    /**
     * The scale of the reversed gradient.
     *
     * @return lambda
     */
    public double lambda() {
        return lambda;
    }

    /** {@code output} becomes a view of {@code input}'s storage. */
    @Override
    public Tensor updateOutput(Tensor input) {
        output.set(input);
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(gradOutput);
        int n = gradOutput.numel();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double s = -lambda;
        for (int i = 0; i < n; i++) {
            gi[i] = g[i] * s;
        }
        return gradInput;
    }

    private static double checkLambda(double lambda) {
        if (Double.isNaN(lambda)) {
            throw new IllegalArgumentException("nn.GradientReversal: lambda must be a number, got NaN");
        }
        return lambda;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public GradientReversal training() {
        super.training();
        return this;
    }

    @Override
    public GradientReversal evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public GradientReversal reset() {
        super.reset();
        return this;
    }

    @Override
    public GradientReversal reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
