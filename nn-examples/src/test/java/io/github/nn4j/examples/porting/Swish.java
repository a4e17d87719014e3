package io.github.nn4j.examples.porting;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The README's worked example of a porter's own class: a project's Lua module {@code mylab.Swish}
 * ({@code y = x·σ(β·x)}, field {@code beta}) that nn4j does not ship, with its codec.
 */
// README custom module example begin
public class Swish extends Module<Tensor, Tensor> {          // the Lua class mylab.Swish: y = x * sigmoid(beta * x)

    /** Reads and writes the fields the Lua class keeps (output, gradInput, train: done by nn4j). */
    public static final T7Codec<Swish> T7 = T7Codec.of("mylab.Swish", Swish.class,
            (o, in) -> new Swish(o.getNumber("beta", 1.0)),      // from the file's fields
            (m, fields, out) -> fields.put("beta", m.beta));     // what the Lua class's read expects

    private final double beta;

    public Swish(double beta) {
        super(Tensor.empty(), Tensor.empty());
        this.beta = beta;
    }

    @Override
    public Tensor updateOutput(Tensor x) {
        output.resizeAs(x);
        for (int i = 0; i < x.numel(); i++) {
            double s = 1 / (1 + Math.exp(-beta * x.data()[i]));
            output.data()[i] = x.data()[i] * s;
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor x, Tensor gradOutput) {
        gradInput.resizeAs(x);
        for (int i = 0; i < x.numel(); i++) {
            double s = 1 / (1 + Math.exp(-beta * x.data()[i]));
            gradInput.data()[i] = gradOutput.data()[i] * (s + beta * x.data()[i] * s * (1 - s));
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "mylab.Swish(" + beta + ")";
    }
}
// README custom module example end
