package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * Multiplies by one learnable scalar: {@code y = w·x} (Torch's {@code nn.Mul}, {@code Mul.lua}).
 *
 * <p>Backward: {@code gradInput = w·gradOutput}; {@code gradWeight += scale·⟨x, gradOutput⟩}
 * (the dot product over all elements, batch included).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>any, all the same</td></tr>
 *   <tr><td>weight, gradWeight</td><td>{@code [1]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: {@code U(−1, 1)} from {@link TorchRandom#global()} (Torch's bound
 * {@code 1/√1}); {@code reset(stdv)}: {@code U(±stdv·√3)}. Prints {@code nn.Mul}, as Torch.
 */
public class Mul extends Module<Tensor, Tensor> {

    /** The scalar weight, {@code [1]}. */
    protected final Tensor weight = Tensor.zeros(1);
    /** Its gradient. */
    protected final Tensor gradWeight = Tensor.zeros(1);

    /** A layer with a random weight in [−1, 1). */
    public Mul() {
        super(Tensor.empty(), Tensor.empty());
        reset();
    }

    /**
     * The weight, {@code [1]} (the module's own tensor).
     *
     * @return the weight
     */
    public Tensor weight() {
        return weight;
    }

    @Override
    public Mul reset() {
        weight.uniform(TorchRandom.global(), -1.0, 1.0);
        return this;
    }

    @Override
    public Mul reset(double stdv) {
        double bound = stdv * Math.sqrt(3);
        weight.uniform(TorchRandom.global(), -bound, bound);
        return this;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] y = output.data();
        double w = weight.data()[0];
        for (int i = 0; i < n; i++) {
            y[i] = x[i] * w;
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        int n = input.numel();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double w = weight.data()[0];
        for (int i = 0; i < n; i++) {
            gi[i] = g[i] * w;
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradWeight.data()[0] += scale * input.dot(gradOutput);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight));
    }

    /** The {@code .t7} form of {@code nn.Mul}: {@code weight}, {@code gradWeight}. */
    static final T7Codec<Mul> T7 = LuaFields.codec("nn.Mul", Mul.class,
            (o, in) -> LuaFields.readParameters(new Mul(), o, in), LuaFields::writeParameters);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Mul training() {
        super.training();
        return this;
    }

    @Override
    public Mul evaluate() {
        super.evaluate();
        return this;
    }
}
