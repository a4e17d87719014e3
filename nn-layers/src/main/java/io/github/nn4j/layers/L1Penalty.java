package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * An L1 regulariser of the activations that pass through it (Torch's {@code nn.L1Penalty},
 * {@code L1Penalty.lua}): the forward is the identity ({@code output} is a view of the input) and
 * records the penalty {@code loss = m·Σ|x|}; the backward adds the penalty's gradient to the
 * gradient from above: {@code gradInput = m·sign(x) + gradOutput}, with {@code m = l1weight}, or
 * {@code l1weight / numel(x)} when {@code sizeAverage}. By design the backward is not the
 * derivative of the forward (the penalty is not part of the output). With
 * {@code provideOutput = false} the gradOutput is ignored: {@code gradInput = m·sign(x)}
 * ({@code sign(0) = 0}).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>the input's storage</td><td>same as input</td></tr>
 * </table>
 *
 * <p>{@link #loss()} is Torch's field {@code self.loss} (NaN before the first forward).
 *
 * <p><b>Difference from Torch:</b> Torch's constructor sets {@code provideOutput = provideOutput
 * or true}, so passing {@code false} has no effect there (the field must be assigned afterwards);
 * {@link #L1Penalty(double, boolean, boolean)} honours {@code false}. As in Torch, a file's
 * {@code sizeAverage} and {@code provideOutput} count only when they are {@code true} exactly
 * (Torch compares them {@code == true}). A NaN {@code l1weight} is refused. Prints
 * {@code nn.L1Penalty}.
 */
public class L1Penalty extends Module<Tensor, Tensor> {

    /** Torch fields {@code l1weight}, {@code sizeAverage}, {@code provideOutput} and, after a forward, {@code loss}. */
    static final T7Codec<L1Penalty> T7 = LuaFields.codec("nn.L1Penalty", L1Penalty.class, (o, in) -> {
        L1Penalty m = new L1Penalty(o.getNumber("l1weight"), Boolean.TRUE.equals(o.get("sizeAverage")),
                Boolean.TRUE.equals(o.get("provideOutput")));
        if (o.get("loss") instanceof Double loss) {
            m.loss = loss;
        }
        return m;
    }, (m, f, out) -> {
        f.put("l1weight", m.l1weight);
        f.put("sizeAverage", m.sizeAverage);
        f.put("provideOutput", m.provideOutput);
        if (!Double.isNaN(m.loss)) {
            f.put("loss", m.loss);
        }
    });

    private final double l1weight;
    private final boolean sizeAverage;
    private final boolean provideOutput;
    private double loss = Double.NaN;

    /**
     * A penalty summed over the elements, adding the gradOutput.
     *
     * @param l1weight the weight of the penalty
     */
    public L1Penalty(double l1weight) {
        this(l1weight, false, true);
    }

    /**
     * A penalty adding the gradOutput.
     *
     * @param l1weight the weight of the penalty
     * @param sizeAverage whether to divide the weight by the number of elements
     */
    public L1Penalty(double l1weight, boolean sizeAverage) {
        this(l1weight, sizeAverage, true);
    }

    /**
     * An L1 penalty.
     *
     * @param l1weight the weight of the penalty
     * @param sizeAverage whether to divide the weight by the number of elements
     * @param provideOutput whether the gradOutput is added to the penalty's gradient
     * @throws IllegalArgumentException if {@code l1weight} is NaN
     */
    public L1Penalty(double l1weight, boolean sizeAverage, boolean provideOutput) {
        super(Tensor.empty(), Tensor.empty());
        if (Double.isNaN(l1weight)) {
            throw new IllegalArgumentException("nn.L1Penalty: l1weight must be a number, got NaN");
        }
        this.l1weight = l1weight;
        this.sizeAverage = sizeAverage;
        this.provideOutput = provideOutput;
    }

    /**
     * The weight of the penalty.
     *
     * @return l1weight
     */
    public double l1weight() {
        return l1weight;
    }

    /**
     * Whether the weight is divided by the number of elements.
     *
     * @return sizeAverage
     */
    public boolean sizeAverage() {
        return sizeAverage;
    }

    /**
     * Whether the gradOutput is added to the penalty's gradient.
     *
     * @return provideOutput
     */
    public boolean provideOutput() {
        return provideOutput;
    }

    /**
     * The penalty of the last forward, {@code m·Σ|x|} (Torch's {@code self.loss}).
     *
     * @return the loss, NaN before the first forward
     */
    public double loss() {
        return loss;
    }

    /** Records {@link #loss()}; {@code output} becomes a view of {@code input}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        double m = weight(input);
        int n = input.numel();
        double[] x = input.data();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs(x[i]);
        }
        loss = m * sum;
        output.set(input);
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        double m = weight(input);
        gradInput.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] gi = gradInput.data();
        if (provideOutput) {
            Buffers.checkSameNumel(this, input, gradOutput);
            double[] g = gradOutput.data();
            for (int i = 0; i < n; i++) {
                gi[i] = sign(x[i]) * m + g[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                gi[i] = sign(x[i]) * m;
            }
        }
        return gradInput;
    }

    private double weight(Tensor input) {
        return sizeAverage ? l1weight / input.numel() : l1weight;
    }

    /** TH's sign: 1, −1 or 0 (also for −0 and NaN). */
    private static double sign(double v) {
        return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public L1Penalty training() {
        super.training();
        return this;
    }

    @Override
    public L1Penalty evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public L1Penalty reset() {
        super.reset();
        return this;
    }

    @Override
    public L1Penalty reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
